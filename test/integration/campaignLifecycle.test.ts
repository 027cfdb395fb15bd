import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { startFake, type FakeEvent } from '../fakes'
import { deliver, type RenderedCallback } from '../fakes/callbacks'
import { startTestEngine, type TestEngine } from '../helpers/engine'
import { useTempDirs } from '../helpers/tempDir'
import { drained } from '../main/callbacks/meta'
import { campaignDraft, contactsCsv, metaConfig, phoneOf, waitFor } from '../main/dispatch/helpers'
import {
  buildTruth,
  countOf,
  prng,
  shuffle,
  statusesFor,
  sum,
  twoSidedP,
  type Final
} from './groundTruth'
import { expectRowMatchesTruth, expectSummaryCsv, medianDeliveryMs } from './exportChecks'
import { useClosers } from '../helpers/closers'

// Short retry backoff so bounded retries finish quickly; a generous deadline so a loaded machine
// never turns a slow answer into an (ambiguous, retried) timeout.
process.env.TICKBOARD_RETRY_BASE_MS = '40'
process.env.TICKBOARD_SEND_TIMEOUT_MS = '60000'

const tempDir = useTempDirs()
const closeAfter = useClosers()

const CONTACTS = 1500
const LIMIT = 1000
// Scripted recipients: all below index 900, so they are inside the limit unless set aside.
const INVALID = [3, 140, 377, 820, 611] // 400 (#131009) every time
const INVALID_TEMPLATE = [55, 490] // 400 (#132000) every time
const RATE_LIMITED = [10, 600, 301, 45, 777] // 429 Retry-After: 1 once, then accepted
// 503: the provider says it did not take the send, so it is retried (a 500 may have been
// accepted and would end "outcome unknown" instead: test/main/dispatch/lostAnswers.test.ts).
const FLAKY = [20, 700, 230, 512, 888] // 503 twice, then accepted
const BROKEN = [30, 120, 450, 660, 830] // 503 every time
const BEYOND_LIMIT = 1490 // scripted 400, but the limit stops it before any request
const H = 3_600_000
const iso = (ms: number): string => new Date(ms).toISOString()
describe('campaign lifecycle: every number agrees with the ground truth', () => {
  it(
    '1,500 contacts against the fake Meta API: summary, errors, funnel, drill-down, health, trend, CSVs',
    {
      timeout: 120_000
    },
    async () => {
      const fake = await startFake('meta', { latencyMs: 1 })
      closeAfter(() => fake.close())
      const t: TestEngine = await startTestEngine(tempDir())
      closeAfter(() => t.engine.close())
      const db = t.engine.db

      const imported = await t.call('contacts.import', {
        csv: `${contactsCsv(CONTACTS)}\nnot-a-phone,Bad,Pune\n+91 12,Short,Delhi`
      })
      expect(imported).toMatchObject({ imported: CONTACTS, updated: 0 })
      expect(imported.rejected.map((r) => r.line)).toEqual([CONTACTS + 2, CONTACTS + 3])

      for (const i of INVALID) fake.script(phoneOf(i), { kind: 'http', status: 400, code: 131009 })
      for (const i of INVALID_TEMPLATE)
        fake.script(phoneOf(i), { kind: 'http', status: 400, code: 132000 })
      for (const i of RATE_LIMITED)
        fake.script(phoneOf(i), { kind: 'http', status: 429, retryAfter: '1' }, 1)
      for (const i of FLAKY) fake.script(phoneOf(i), { kind: 'http', status: 503 }, 2)
      for (const i of BROKEN) fake.script(phoneOf(i), { kind: 'http', status: 503 })
      fake.script(phoneOf(BEYOND_LIMIT), { kind: 'http', status: 400 })

      const provider = await t.call('providers.create', {
        type: 'meta',
        name: 'Meta fake',
        config: metaConfig(fake)
      })
      const hookUrl = `${t.engine.hooksBase()}${provider.callbackPath}`
      const conversion = { event: 'purchase', windowHours: 48, revenueProperty: 'revenue' }
      const { id } = await t.call(
        'campaigns.create',
        campaignDraft(provider.id, {
          controlGroupPercent: 20,
          conversion,
          limit: LIMIT,
          ratePerSecond: 400
        })
      )
      const launchedAt = Date.now()
      // No tunnel: the fake posts to the loopback listener, so readiness is overridden.
      await t.call('campaigns.launch', { id, overrideReadiness: true })
      const done = await waitFor(
        () => t.call('campaigns.get', { id }),
        (c) => c.status !== 'running' && c.status !== 'qualifying',
        60_000
      )
      expect(done.status, done.pausedReason).toBe('completed')

      // Who was set aside is the engine's (hashed) decision; everything after it is ours to count.
      const groups = db
        .prepare(`SELECT phone, grp FROM message WHERE campaign_id = ? ORDER BY seq`)
        .all(id) as { phone: string; grp: string }[]
      const controlPhones = groups.filter((g) => g.grp === 'control').map((g) => g.phone)
      const qualified = CONTACTS
      const control = controlPhones.length
      const target = qualified - control
      expect(groups.length).toBe(qualified)
      expect(control).toBeGreaterThan(qualified * 0.16)
      expect(control).toBeLessThan(qualified * 0.24)

      // What the provider saw: the only source of truth for sent and dispatch errors.
      const attemptsOf = (i: number) =>
        fake.attempts.filter((a) => a.to === phoneOf(i)).map((a) => a.status)
      const attempted = (i: number) => attemptsOf(i).length > 0
      const isControl = (i: number) => controlPhones.includes(phoneOf(i))
      for (const i of [...INVALID, ...INVALID_TEMPLATE, ...RATE_LIMITED, ...FLAKY, ...BROKEN])
        expect(attempted(i)).toBe(!isControl(i))
      for (const i of RATE_LIMITED.filter(attempted)) expect(attemptsOf(i)).toEqual([429, 200])
      for (const i of FLAKY.filter(attempted)) expect(attemptsOf(i)).toEqual([503, 503, 200])
      for (const i of BROKEN.filter(attempted))
        expect(attemptsOf(i)).toEqual([503, 503, 503, 503, 503])
      expect(attempted(BEYOND_LIMIT)).toBe(false)
      const invalid = countOf([...INVALID, ...INVALID_TEMPLATE], attempted)
      const broken = countOf(BROKEN, attempted)
      expect(invalid).toBeGreaterThan(0)
      expect(broken).toBeGreaterThan(0)
      const sentMessages = fake.requests.map((r) => ({
        phone: r.to,
        providerMessageId: r.providerMessageId,
        at: r.at
      }))
      const sent = new Set(sentMessages.map((m) => m.phone)).size
      expect(sent).toBe(sentMessages.length) // nobody sent twice
      expect(new Set(fake.attempts.map((a) => a.to)).size).toBe(LIMIT)
      expect(sent).toBe(LIMIT - invalid - broken)
      const campaignLimit = target - LIMIT
      const dispatchErrors = invalid + broken + campaignLimit

      // Ground truth: statuses, replies and goal events.
      const truth = buildTruth(
        sentMessages,
        controlPhones.map((phone) => ({ phone, at: launchedAt }))
      )
      const brokenSent = BROKEN.find(attempted)!
      const beyond = [1491, 1492, 1493, 1494, 1495].find((i) => !isControl(i))!
      const extraGoals = [
        // Target users that were not sent (dispatch error, beyond the limit) never convert.
        `${phoneOf(brokenSent)},purchase,${iso(launchedAt + H)},500`,
        `${phoneOf(beyond)},purchase,${iso(launchedAt + H)},500`
      ]
      const strangers: FakeEvent[] = [1, 2, 3].map((k) => ({
        kind: 'inbound',
        from: `+1555777000${k}`,
        text: `who is this ${k}`,
        at: launchedAt + k * 1000
      }))
      const orphanReplies: FakeEvent[] = [
        { kind: 'inbound', from: controlPhones[0]!, text: 'I got nothing?', at: launchedAt + 5000 },
        { kind: 'inbound', from: phoneOf(brokenSent), text: 'hello', at: launchedAt + 6000 }
      ]
      const unmatched: FakeEvent[] = [1, 2, 3].map((k) => ({
        kind: 'status',
        id: `wamid.nosuch${k}`,
        status: 'delivered',
        at: launchedAt + k * 1000
      }))
      const rand = prng(20261127)
      const events = shuffle([...truth.events, ...strangers, ...orphanReplies, ...unmatched], rand)
      const posts: RenderedCallback[] = []
      for (let k = 0; k < events.length; k += 15)
        posts.push(...fake.render(events.slice(k, k + 15), { url: hookUrl, batch: true }))
      const withDuplicates = shuffle([...posts, ...posts.filter(() => rand() < 0.15)], rand)

      const goalCsv = (lines: string[]) => ['phone,event,time,revenue', ...lines].join('\n')
      const all = shuffle([...truth.goalLines, ...extraGoals], rand)
      // Control users' purchases arrive live through the events endpoint (a shop posting them);
      // the rest come from two CSV imports, one before and one after the callbacks.
      const isLive = (line: string) => controlPhones.includes(line.split(',')[0]!)
      const live = all.filter(isLive).map((line) => {
        const [phone, event, time, revenue] = line.split(',')
        return { phone, event, time, revenue: Number(revenue) }
      })
      const goals = all.filter((line) => !isLive(line))
      const half = Math.floor(goals.length / 2)
      const firstGoals = await t.call('events.import', { csv: goalCsv(goals.slice(0, half)) })
      expect(firstGoals).toEqual({ imported: half, rejected: [] })
      const endpoint = await t.call('callbacks.eventsEndpoint', {})
      const posted = await fetch(`${t.engine.hooksBase()}${endpoint.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: live })
      })
      expect(posted.status).toBe(200)
      expect(await posted.json()).toEqual({ imported: live.length, rejected: [] })
      expect(live.length).toBeGreaterThan(0)
      const statuses = await deliver(withDuplicates)
      expect(statuses.every((s) => s === 200)).toBe(true)
      const refused = [
        ...(await fake.emit([unmatched[0]!], { url: hookUrl, secret: 'not-the-app-secret' })),
        ...(await fake.emit([strangers[0]!], { url: hookUrl, secret: 'not-the-app-secret' })),
        ...(await fake.emit([unmatched[1]!], { url: hookUrl, unsigned: true }))
      ]
      expect(refused).toEqual([401, 401, 401])
      // The same unknown status delivered twice more is still one unmatched report.
      expect(await fake.emit([unmatched[2]!], { url: hookUrl, duplicate: true })).toEqual([
        200, 200
      ])
      const secondGoals = await t.call('events.import', { csv: goalCsv(goals.slice(half)) })
      expect(secondGoals).toEqual({ imported: goals.length - half, rejected: [] })
      await drained(db, 30_000)

      // Expected numbers, counted from the ground truth.
      const finals = [...truth.final.values()]
      const finalCount = (f: Final) => countOf(finals, (x) => x === f)
      const delivered = finalCount('delivered') + finalCount('read')
      const viewed = finalCount('read')
      const deliveryErrors = finalCount('failed')
      const awaiting = finalCount('none')
      const converted = truth.converted.target.size
      const controlConverted = truth.converted.control.size
      const arpuTarget = truth.revenue.target / sent
      const arpuControl = truth.revenue.control / control

      const summary = await t.call('stats.summary', { campaignId: id })
      expect(summary).toMatchObject({
        qualified,
        control,
        target,
        sent,
        delivered,
        viewed,
        replied: truth.repliers.size,
        replies: truth.replies,
        converted,
        dispatchErrors,
        deliveryErrors,
        awaitingReport: awaiting,
        outcomeUnknown: 0
      })
      expect(summary.target).toBe(summary.sent + summary.dispatchErrors + summary.outcomeUnknown)
      expect(summary.qualified).toBe(summary.control + summary.target)
      const c = summary.conversion
      expect(c.target).toMatchObject({ users: sent, converted })
      expect(c.control).toMatchObject({ users: control, converted: controlConverted })
      expect(c.target.rate).toBeCloseTo(converted / sent, 10)
      expect(c.control.rate).toBeCloseTo(controlConverted / control, 10)
      expect(c.lift).toBeCloseTo(converted / sent - controlConverted / control, 10)
      // 95% Wald interval (unpooled) and pooled two-proportion z-test, computed here.
      const pt = converted / sent
      const pc = controlConverted / control
      const se = Math.sqrt((pt * (1 - pt)) / sent + (pc * (1 - pc)) / control)
      expect(c.ci95[0]).toBeCloseTo(pt - pc - 1.959964 * se, 5)
      expect(c.ci95[1]).toBeCloseTo(pt - pc + 1.959964 * se, 5)
      const pooled = (converted + controlConverted) / (sent + control)
      const z = (pt - pc) / Math.sqrt(pooled * (1 - pooled) * (1 / sent + 1 / control))
      expect(c.pValue).toBeCloseTo(twoSidedP(z), 5)
      const enough = converted >= 5 && controlConverted >= 5 && sent >= 100 && control >= 100
      const verdict = !enough
        ? 'not_enough_data'
        : c.ci95[0] > 0
          ? 'positive'
          : c.ci95[1] < 0
            ? 'negative'
            : 'inconclusive'
      expect(c.verdict).toBe(verdict)
      const r = summary.revenue
      expect(r.target).toBeCloseTo(truth.revenue.target, 6)
      expect(r.control).toBeCloseTo(truth.revenue.control, 6)
      expect(r.arpuTarget).toBeCloseTo(arpuTarget, 9)
      expect(r.arpuControl).toBeCloseTo(arpuControl, 9)
      expect(r.boostPercent!).toBeCloseTo(((arpuTarget - arpuControl) / arpuControl) * 100, 6)
      expect(r.incremental).toBeCloseTo((arpuTarget - arpuControl) * sent, 6)

      // Errors of both kinds, with the drill-down totals per group.
      const dispatchGroups = await t.call('stats.errors', { campaignId: id, kind: 'dispatch' })
      const expectedDispatch: Record<string, number> = {
        campaign_limit: campaignLimit,
        invalid_request: invalid,
        provider_error: broken
      }
      const deliveryGroups = await t.call('stats.errors', { campaignId: id, kind: 'delivery' })
      const codes = [...truth.failureCode.values()]
      const expectedDelivery: Record<string, number> = {
        '131026': countOf(codes, (x) => x === 131026),
        '131049': countOf(codes, (x) => x === 131049)
      }
      for (const [kind, groups, expected, total] of [
        ['dispatch', dispatchGroups.groups, expectedDispatch, dispatchErrors],
        ['delivery', deliveryGroups.groups, expectedDelivery, deliveryErrors]
      ] as const) {
        expect(Object.fromEntries(groups.map((g) => [g.code, g.count]))).toEqual(expected)
        for (const g of groups) {
          expect(g.share).toBeCloseTo(g.count / total, 10)
          expect(g.title.length).toBeGreaterThan(0)
          const page = await t.call('stats.errorRecipients', { campaignId: id, kind, code: g.code })
          expect(page.total).toBe(g.count)
          expect(page.rows.every((row) => row.code === g.code)).toBe(true)
        }
        const all = await t.call('stats.errorRecipients', { campaignId: id, kind, limit: 500 })
        expect(all.total).toBe(total)
      }
      const invalidRows = await t.call('stats.errorRecipients', {
        campaignId: id,
        kind: 'dispatch',
        code: 'invalid_request'
      })
      for (const code of [131026, 131049]) {
        const page = await t.call('stats.errorRecipients', {
          campaignId: id,
          kind: 'delivery',
          code: String(code),
          limit: 500
        })
        const phones = [...truth.failureCode].filter(([, c]) => c === code).map(([p]) => p)
        expect(page.rows.map((row) => [row.phone, row.at]).sort()).toEqual(
          phones.map((p) => [p, truth.times.get(p)!.failed]).sort()
        )
      }
      expect(invalidRows.rows.map((row) => row.phone).sort()).toEqual(
        [...INVALID, ...INVALID_TEMPLATE].filter(attempted).map(phoneOf).sort()
      )

      // Funnel: Sent → Delivered → Viewed → Converted, and Sent → Converted.
      const funnel = await t.call('stats.funnel', { campaignId: id })
      const users = [sent, delivered, viewed, converted]
      expect(funnel.steps.map((s) => [s.name, s.users])).toEqual(
        ['sent', 'delivered', 'viewed', 'converted'].map((n, k) => [n, users[k]])
      )
      funnel.steps.forEach((s, k) => {
        expect(s.ofFirst).toBeCloseTo(users[k]! / sent, 10)
        expect(s.ofPrevious).toBeCloseTo(k === 0 ? 1 : users[k]! / users[k - 1]!, 10)
      })
      const short = await t.call('stats.funnel', { campaignId: id, steps: ['sent', 'converted'] })
      expect(short.steps.map((s) => s.users)).toEqual([sent, converted])
      expect(short.steps[1]!.ofPrevious).toBeCloseTo(converted / sent, 10)
      const noDelivered = await t.call('stats.funnel', {
        campaignId: id,
        steps: ['sent', 'viewed', 'converted']
      })
      expect(noDelivered.steps.map((s) => [s.users, s.ofPrevious])).toEqual([
        [sent, 1],
        [viewed, viewed / sent],
        [converted, converted / viewed]
      ])

      // Callback health: provider numbers (POSTs acknowledged, refusals, unmatched, orphan replies).
      const health = await t.call('callbacks.health', { providerId: provider.id })
      expect(health.received).toBe(withDuplicates.length + 2)
      expect(health.rejected).toEqual({ bad_signature: 2, missing_signature: 1 })
      expect(health.unmatched).toBe(unmatched.length)
      expect(health.unattributedReplies).toBe(strangers.length + orphanReplies.length)
      const byCampaign = await t.call('callbacks.health', { campaignId: id })
      // Per campaign: status reports matched to its messages (every delivery) + replies attributed.
      const pmids = new Set(sentMessages.map((m) => m.providerMessageId))
      const matchedStatuses = statusesFor(withDuplicates, pmids)
      expect(byCampaign.received).toBe(matchedStatuses + truth.replies)
      expect(byCampaign.awaitingReport).toBe(0) // everything was sent less than 10 minutes ago
      expect(byCampaign.medianDeliveryMs).toEqual(expect.any(Number))
      const later = t.engine.services.callbacks.health({ campaignId: id }, Date.now() + 11 * 60_000)
      expect(later.awaitingReport).toBe(awaiting)
      expect(later.awaitingReport).toBe(summary.awaitingReport)

      // Trend buckets add up to the totals at every granularity.
      for (const granularity of ['day', 'week', 'month'] as const) {
        const { buckets } = await t.call('stats.trend', {
          campaignId: id,
          granularity,
          timezone: 'Asia/Kolkata'
        })
        for (const key of ['sent', 'delivered', 'viewed', 'replied', 'converted'] as const)
          expect([granularity, key, sum(buckets.map((b) => b[key]))]).toEqual([
            granularity,
            key,
            summary[key]
          ])
      }

      // Recipients CSV: one row per qualified user, each in the state the provider reported.
      const dir = tempDir()
      const recipientsPath = join(dir, 'recipients.csv')
      await t.call('reports.export', {
        campaignId: id,
        format: 'csv',
        kind: 'recipients',
        path: recipientsPath
      })
      type Row = Record<string, string>
      const parsed = parse(readFileSync(recipientsPath), { columns: true, bom: true }) as Row[]
      // Phones start with '+', so the export neutralises them against formula injection (spec §7).
      for (const row of parsed) expect(row.phone).toMatch(/^'\+\d+$/)
      const rows: Row[] = parsed.map((row) => ({ ...row, phone: row.phone!.slice(1) }))
      expect(rows.length).toBe(qualified)
      expect(new Set(rows.map((row) => row.phone)).size).toBe(qualified)
      const byState = (s: string) => countOf(rows, (row) => row.state === s)
      expect({
        control: byState('control'),
        not_sent: byState('not_sent'),
        outcome_unknown: byState('outcome_unknown'),
        delivered: byState('delivered') + byState('read'),
        read: byState('read'),
        failed: byState('failed'),
        awaiting_report: byState('awaiting_report')
      }).toEqual({
        control: summary.control,
        not_sent: summary.dispatchErrors,
        outcome_unknown: summary.outcomeUnknown,
        delivered: summary.delivered,
        read: summary.viewed,
        failed: summary.deliveryErrors,
        awaiting_report: summary.awaitingReport
      })
      for (const row of rows) expectRowMatchesTruth(row, truth)
      // From the delivery histogram: within ±2.2% of the exact median of the rows.
      const exactMedian = medianDeliveryMs(rows)!
      expect(Math.abs(byCampaign.medianDeliveryMs! - exactMedian)).toBeLessThanOrEqual(
        exactMedian * 0.022 + 1
      )
      const targetRows = rows.filter((row) => row.group === 'target')
      const controlRows = rows.filter((row) => row.group === 'control')
      expect(countOf(rows, (row) => row.replied === 'true')).toBe(summary.replied)
      expect(sum(rows.map((row) => Number(row.replies)))).toBe(summary.replies)
      expect(sum(targetRows.map((row) => Number(row.revenue)))).toBeCloseTo(r.target, 6)
      expect(sum(controlRows.map((row) => Number(row.revenue)))).toBeCloseTo(r.control, 6)
      expect(countOf(rows, (row) => row.error_kind === 'dispatch')).toBe(summary.dispatchErrors)
      expect(countOf(rows, (row) => row.error_kind === 'delivery')).toBe(summary.deliveryErrors)

      // Summary CSV: every value equals stats.summary.
      const summaryPath = join(dir, 'summary.csv')
      await t.call('reports.export', {
        campaignId: id,
        format: 'csv',
        kind: 'summary',
        path: summaryPath
      })
      expectSummaryCsv(summaryPath, summary, (await t.call('campaigns.get', { id })).template!)
    }
  )
})
