import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { goalColumns } from '../../../src/main/db/repos/campaignRepo'
import type { Db } from '../../../src/main/db/openDb'
import { startTestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import {
  META_CONFIG,
  drained,
  inboundBody,
  postMeta,
  statusBody,
  type MetaInbound,
  type MetaStatus
} from '../callbacks/meta'

type Status = MetaStatus['status']
const E = { code: 131026, title: 'Message undeliverable' }
const F = { code: 131049, title: 'Not delivered to maintain healthy ecosystem engagement' }
// What the provider reports per message (provider time order); 4 messages per scenario.
const SCENARIOS: [Status, typeof E?][][] = [
  [],
  [['sent']],
  [['sent'], ['delivered']],
  [['sent'], ['delivered'], ['read']],
  [['sent'], ['read']],
  [['read']],
  [['failed', E]],
  [['sent'], ['failed', F]],
  [['failed', E], ['delivered']],
  [['sent'], ['failed', F], ['read']]
]
const COUNT = 40
const SENT_AT = Date.UTC(2026, 10, 1, 20)
const H = 3_600_000

type Step =
  | { kind: 'status'; s: MetaStatus }
  | { kind: 'inbound'; m: MetaInbound }
  | { kind: 'event'; contactId: number; at: number; revenue: number | null }
  | { kind: 'stats' }

function seed(db: Db, providerId: string) {
  const draft = { name: 'Order', conversion: { event: 'purchase', windowHours: 48 } }
  db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, created_at, updated_at,
       goal_event, goal_window_ms, goal_revenue_property)
     VALUES ('order', 'Order', @providerId, @draft, 'completed', 0, 0, @goal_event, @goal_window_ms,
       @goal_revenue_property)`
  ).run({ providerId, draft: JSON.stringify(draft), ...goalColumns(draft) })
  const contact = db.prepare(
    `INSERT INTO contact (id, phone, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`
  )
  const message = db.prepare(
    `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, dispatch_state,
       set_aside_at, dispatched_at, provider_message_id, sent_at)
     VALUES ('order', @id, @phone, @grp, @id, 'o-' || @id, @state, @aside, @sent, @pmid, @sent)`
  )
  for (let id = 0; id < COUNT + 6; id++) {
    const phone = `+1555300${String(id).padStart(4, '0')}`
    contact.run(id + 1, phone, `Person ${id}`)
    const target = id < COUNT
    message.run({
      id: id + 1,
      phone,
      grp: target ? 'target' : 'control',
      state: target ? 'sent' : 'control',
      aside: target ? null : SENT_AT,
      sent: target ? SENT_AT + id * 60_000 : null,
      pmid: target ? `wamid.o${id}` : null
    })
  }
}

/** Every callback and goal event of the campaign, before shuffling. */
function steps(): Step[] {
  const out: Step[] = []
  for (let i = 0; i < COUNT; i++) {
    const sent = SENT_AT + i * 60_000
    const phone = `+1555300${String(i).padStart(4, '0')}`
    SCENARIOS[i % SCENARIOS.length]!.forEach(([status, error], k) =>
      out.push({
        kind: 'status',
        s: {
          id: `wamid.o${i}`,
          status,
          at: sent + 5000 * (k + 1),
          recipient: phone,
          ...(error ? { error } : {})
        }
      })
    )
    if (i % 5 === 0)
      out.push({
        kind: 'inbound',
        m: {
          id: `wamid.in${i}a`,
          from: phone,
          at: sent + 20 * 60_000,
          text: 'Yes',
          quotedId: `wamid.o${i}`
        }
      })
    if (i % 10 === 0)
      out.push({
        kind: 'inbound',
        m: {
          id: `wamid.in${i}b`,
          from: phone,
          at: sent + 10 * 60_000,
          text: 'Hi',
          quotedId: `wamid.o${i}`
        }
      })
    if (i % 4 === 0) out.push({ kind: 'event', contactId: i + 1, at: sent + H, revenue: 100 })
    if (i % 8 === 0) out.push({ kind: 'event', contactId: i + 1, at: sent + 2 * H, revenue: 50 })
    if (i % 4 === 1) out.push({ kind: 'event', contactId: i + 1, at: sent + 72 * H, revenue: 999 })
  }
  out.push({ kind: 'event', contactId: COUNT + 1, at: SENT_AT + 5 * H, revenue: null })
  out.push({ kind: 'event', contactId: COUNT + 2, at: SENT_AT + 47 * H, revenue: 0 })
  out.push({ kind: 'event', contactId: COUNT + 3, at: SENT_AT + 49 * H, revenue: 300 })
  out.push({ kind: 'stats' }, { kind: 'stats' })
  return out
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('stats are independent of callback and event order', () => {
  const tempDir = useTempDirs()

  it(
    '20 random orders with duplicates, through the real callback processor, give identical stats',
    { timeout: 600_000 },
    async () => {
      const results: unknown[] = []
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (shuffleSeed) => {
          const t = await startTestEngine(tempDir())
          try {
            const provider = await t.call('providers.create', {
              type: 'meta',
              name: 'Meta',
              config: META_CONFIG
            })
            const db = t.engine.db
            seed(db, provider.id)
            const rand = mulberry32(shuffleSeed)
            const all = steps()
            const withDuplicates = [
              ...all,
              ...all.filter((s) => s.kind !== 'event' && rand() < 0.15)
            ]
            for (let i = withDuplicates.length - 1; i > 0; i--) {
              const j = Math.floor(rand() * (i + 1))
              ;[withDuplicates[i], withDuplicates[j]] = [withDuplicates[j]!, withDuplicates[i]!]
            }
            for (const step of withDuplicates) {
              if (step.kind === 'status')
                expect(
                  await postMeta(t.engine.hooksBase()!, provider.callbackPath, statusBody([step.s]))
                ).toBe(200)
              else if (step.kind === 'inbound')
                expect(
                  await postMeta(
                    t.engine.hooksBase()!,
                    provider.callbackPath,
                    inboundBody([step.m])
                  )
                ).toBe(200)
              else if (step.kind === 'event')
                t.engine.eventRepo.insertBatch([
                  {
                    contactId: step.contactId,
                    event: 'purchase',
                    at: step.at,
                    revenue: step.revenue,
                    properties: {},
                    source: 'api'
                  }
                ])
              else await drained(db).then(() => t.call('stats.summary', { campaignId: 'order' }))
            }
            await drained(db)
            results.push({
              summary: await t.call('stats.summary', { campaignId: 'order' }),
              funnel: await t.call('stats.funnel', { campaignId: 'order' }),
              dispatch: await t.call('stats.errors', { campaignId: 'order', kind: 'dispatch' }),
              delivery: await t.call('stats.errors', { campaignId: 'order', kind: 'delivery' }),
              trend: await t.call('stats.trend', {
                campaignId: 'order',
                granularity: 'day',
                timezone: 'Asia/Kolkata'
              })
            })
          } finally {
            await t.engine.close()
          }
        }),
        { seed: 20261127, numRuns: 20 }
      )
      expect(results).toHaveLength(20)
      for (const r of results) expect(r).toEqual(results[0])
      const first = results[0] as {
        summary: Record<string, unknown>
        delivery: { groups: { code: string; count: number }[] }
      }
      // 4 messages per scenario: delivered 6 scenarios, viewed 4, failed 2 (one per code), awaiting 1.
      expect(first.summary).toMatchObject({
        qualified: 46,
        control: 6,
        target: 40,
        sent: 40,
        delivered: 24,
        viewed: 16,
        deliveryErrors: 8,
        awaitingReport: 4,
        replied: 8,
        replies: 12,
        converted: 10,
        dispatchErrors: 0,
        outcomeUnknown: 0
      })
      expect(first.summary.revenue).toMatchObject({
        target: 1250,
        control: 0,
        arpuTarget: 31.25,
        boostPercent: null
      })
      expect(first.summary.conversion).toMatchObject({
        control: { users: 6, converted: 2, rate: 2 / 6 }
      })
      expect(first.delivery.groups.map((g) => [g.code, g.count])).toEqual([
        ['131026', 4],
        ['131049', 4]
      ])
    }
  )
})
