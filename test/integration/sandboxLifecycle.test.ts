import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import type { StatsSummary } from '../../src/shared/ipc/routes/stats'
import { startTestEngine, type TestEngine } from '../helpers/engine'
import { useTempDirs } from '../helpers/tempDir'
import { drained } from '../main/callbacks/meta'
import { SANDBOX_TEMPLATE, campaignDraft, waitFor } from '../main/dispatch/helpers'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

const LIMIT = 150
const conversion = { event: 'purchase', windowHours: 48, revenueProperty: 'revenue' }

/** Runs a small campaign to completion and waits until the Sandbox's callbacks stop changing it. */
async function runAndSettle(providerId: string) {
  const { id } = await t!.call(
    'campaigns.create',
    campaignDraft(providerId, {
      template: SANDBOX_TEMPLATE,
      controlGroupPercent: 10,
      conversion,
      limit: LIMIT,
      ratePerSecond: 200
    })
  )
  await t!.call('campaigns.launch', { id })
  const done = await waitFor(
    () => t!.call('campaigns.get', { id }),
    (c) => c.status !== 'running' && c.status !== 'qualifying',
    30_000
  )
  expect(done.status).toBe('completed')
  // Settled: nothing awaiting, inbox drained, and two summaries 600 ms apart are identical.
  let previous = ''
  const summary = await waitFor(
    async () => {
      await drained(t!.engine.db, 10_000)
      await new Promise((r) => setTimeout(r, 600))
      const s = await t!.call('stats.summary', { campaignId: id })
      const same = JSON.stringify(s) === previous
      previous = JSON.stringify(s)
      return { s, same }
    },
    ({ s, same }) => same && s.awaitingReport === 0,
    30_000
  )
  return { id, summary: summary.s }
}

function expectInvariants(s: StatsSummary, contacts: number) {
  expect(s.qualified).toBe(contacts)
  expect(s.qualified).toBe(s.control + s.target)
  expect(s.target).toBe(s.sent + s.dispatchErrors + s.outcomeUnknown)
  expect(s.sent).toBe(LIMIT) // the Sandbox accepts every request
  expect(s.dispatchErrors).toBe(s.target - LIMIT) // all campaign_limit
  expect(s.outcomeUnknown).toBe(0)
  expect(s.awaitingReport).toBe(0)
  expect(s.conversion.target.users).toBe(s.sent)
  expect(s.conversion.control.users).toBe(s.control)
}

async function recipientStates(id: string): Promise<Record<string, number>> {
  const path = join(tempDir(), 'recipients.csv')
  await t!.call('reports.export', { campaignId: id, format: 'csv', kind: 'recipients', path })
  const rows = parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[]
  const states: Record<string, number> = {}
  for (const row of rows) states[row.state!] = (states[row.state!] ?? 0) + 1
  return states
}

describe('Sandbox lifecycle on a fresh install (demo seed)', () => {
  it(
    'the invariant holds, awaiting report drains to 0, and every sent message is accounted for',
    {
      timeout: 120_000
    },
    async () => {
      t = await startTestEngine(tempDir(), { seedDemo: true })
      const db = t.engine.db
      const contacts = (db.prepare('SELECT COUNT(*) AS n FROM contact').get() as { n: number }).n
      expect(contacts).toBeGreaterThan(LIMIT)
      const seeded = db.prepare(`SELECT id FROM provider WHERE type = 'sandbox'`).all() as {
        id: string
      }[]
      expect(seeded.length).toBe(1)
      const seededId = seeded[0]!.id
      await t.call('providers.update', { id: seededId, config: { latencyMs: 30 } })

      // Default rates: 92% delivered, 5% failed, the rest stay at Meta's 'sent' (a report, so not
      // "awaiting"): delivered + deliveryErrors + awaitingReport + sent-only = sent.
      const a = await runAndSettle(seededId)
      expectInvariants(a.summary, contacts)
      const statesA = await recipientStates(a.id)
      const sentOnly = statesA.sent ?? 0
      expect(
        a.summary.delivered + a.summary.deliveryErrors + a.summary.awaitingReport + sentOnly
      ).toBe(a.summary.sent)
      expect((statesA.delivered ?? 0) + (statesA.read ?? 0)).toBe(a.summary.delivered)
      expect(statesA.failed ?? 0).toBe(a.summary.deliveryErrors)
      expect(statesA.control).toBe(a.summary.control)
      expect(statesA.not_sent).toBe(a.summary.dispatchErrors)
      const later = t.engine.services.callbacks.health(
        { campaignId: a.id },
        Date.now() + 11 * 60_000
      )
      expect(later.awaitingReport).toBe(0)

      // Every message ends delivered or failed: delivered + deliveryErrors + awaitingReport = sent.
      const exact = await t.call('providers.create', {
        type: 'sandbox',
        name: 'Sandbox, no silent messages',
        config: {
          latencyMs: 30,
          deliveredRate: 0.85,
          failedRate: 0.15,
          readRate: 0.5,
          replyRate: 0.2
        }
      })
      // Users who replied STOP to campaign A (a Sandbox reply text) opted out of marketing
      // messages: they count in A's Opted out, and B's audience leaves them out (issue #10).
      const excluded = async () =>
        (
          await t!.call('campaigns.preview', {
            draft: { providerId: exact.id, audience: { all: true } }
          })
        ).excludedOptedOut
      // Late Sandbox replies may still arrive: wait until the count holds still for 500 ms.
      let excludedOptedOut = await excluded()
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 500))
        const now = await excluded()
        if (now === excludedOptedOut) break
        excludedOptedOut = now
      }
      expect(excludedOptedOut).toBe((await t.call('stats.summary', { campaignId: a.id })).optedOut)
      const b = await runAndSettle(exact.id)
      expectInvariants(b.summary, contacts - excludedOptedOut)
      const s = b.summary
      expect(s.delivered + s.deliveryErrors + s.awaitingReport).toBe(s.sent)
      expect(s.deliveryErrors).toBeGreaterThan(0)
      const errors = await t.call('stats.errors', { campaignId: b.id, kind: 'delivery' })
      expect(errors.groups.reduce((n, g) => n + g.count, 0)).toBe(s.deliveryErrors)
      const health = await t.call('callbacks.health', { campaignId: b.id })
      expect(health.awaitingReport).toBe(0)
      expect(health.received).toBeGreaterThanOrEqual(s.sent) // at least one report per message
      const { buckets } = await t.call('stats.trend', { campaignId: b.id, granularity: 'day' })
      for (const key of ['sent', 'delivered', 'viewed', 'replied', 'converted'] as const)
        expect([key, buckets.reduce((n, x) => n + x[key], 0)]).toEqual([key, s[key]])
    }
  )
})
