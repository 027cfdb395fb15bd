import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rebuildCampaignStats } from '../../../src/main/db/repos/statsCounterRepo'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { snapshot, utc } from './fixture'
import { buildHandBuiltCampaign, CAMPAIGN } from './handBuiltCampaign'

describe('stats of the hand-built campaign (expected values worked out by hand)', () => {
  const tempDir = useTempDirs()
  let t: TestEngine

  beforeEach(async () => {
    t = await startTestEngine(tempDir())
    buildHandBuiltCampaign(t.engine.db)
  })
  afterEach(() => t.engine.close())

  it('stats.summary gives every field exactly', async () => {
    const s = await t.call('stats.summary', { campaignId: CAMPAIGN })
    expect(s).toMatchObject({
      qualified: 13,
      control: 3,
      target: 10,
      sent: 7,
      delivered: 4,
      viewed: 3,
      replied: 2,
      replies: 3,
      converted: 3,
      dispatchErrors: 2,
      deliveryErrors: 2,
      awaitingReport: 1,
      outcomeUnknown: 1
    })
    expect(s.conversion.target).toEqual({ users: 7, converted: 3, rate: 3 / 7 })
    expect(s.conversion.control).toEqual({ users: 3, converted: 1, rate: 1 / 3 })
    expect(s.conversion.lift).toBeCloseTo(0.09523809523809523, 12)
    expect(s.conversion.ci95[0]).toBeCloseTo(-0.552023494862, 9)
    expect(s.conversion.ci95[1]).toBeCloseTo(0.7424996853381904, 9)
    expect(s.conversion.pValue).toBeCloseTo(0.7781596861761658, 6)
    expect(s.conversion.verdict).toBe('not_enough_data')
    // u1 100 + 50 (repeat purchase), u4 30 + 5 (window edge), u10 200; control bought for 0.
    expect(s.revenue).toEqual({
      target: 385,
      control: 0,
      arpuTarget: 55,
      arpuControl: 0,
      boostPercent: null,
      incremental: 385
    })
  })

  it('stats.funnel with and without Delivered and Viewed', async () => {
    const full = await t.call('stats.funnel', { campaignId: CAMPAIGN })
    expect(full.steps).toEqual([
      { name: 'sent', label: 'Sent', users: 7, ofPrevious: 1, ofFirst: 1 },
      { name: 'delivered', label: 'Delivered', users: 4, ofPrevious: 4 / 7, ofFirst: 4 / 7 },
      { name: 'viewed', label: 'Viewed', users: 3, ofPrevious: 3 / 4, ofFirst: 3 / 7 },
      { name: 'converted', label: 'Converted', users: 3, ofPrevious: 1, ofFirst: 3 / 7 }
    ])
    const short = await t.call('stats.funnel', {
      campaignId: CAMPAIGN,
      steps: ['sent', 'converted']
    })
    expect(short.steps).toEqual([
      { name: 'sent', label: 'Sent', users: 7, ofPrevious: 1, ofFirst: 1 },
      { name: 'converted', label: 'Converted', users: 3, ofPrevious: 3 / 7, ofFirst: 3 / 7 }
    ])
  })

  it('stats.errors groups dispatch reasons and delivery codes, unknown codes with the provider text', async () => {
    const dispatch = await t.call('stats.errors', { campaignId: CAMPAIGN, kind: 'dispatch' })
    expect(dispatch.groups.map((g) => [g.code, g.title, g.count, g.share])).toEqual([
      ['campaign_limit', 'Beyond the campaign limit', 1, 0.5],
      ['timeout', 'Provider did not answer in time', 1, 0.5]
    ])
    const delivery = await t.call('stats.errors', { campaignId: CAMPAIGN, kind: 'delivery' })
    expect(delivery.groups.map((g) => [g.code, g.title, g.count, g.share])).toEqual([
      ['131049', 'Not delivered to protect user experience', 1, 0.5],
      ['X42', 'Carrier said no', 1, 0.5]
    ])
    expect(delivery.groups[0]!.nextStep).toMatch(/days later/)
    expect(delivery.groups[1]!.explanation).toBe(
      'The provider reported code X42: “Carrier said no”.'
    )
  })

  it('stats.errorRecipients pages, filters by code and searches phone and name', async () => {
    const all = await t.call('stats.errorRecipients', { campaignId: CAMPAIGN, kind: 'delivery' })
    expect(all).toEqual({
      total: 2,
      rows: [
        {
          phone: '+919800000008',
          name: 'Hari Menon',
          code: 'X42',
          title: 'Carrier said no',
          at: utc('2026-03-29T22:11:00Z'),
          providerMessage: 'Carrier said no'
        },
        {
          phone: '+919800000003',
          name: 'Chitra Iyer',
          code: '131049',
          title: 'Not delivered to protect user experience',
          at: utc('2026-03-29T01:16:00Z'),
          providerMessage:
            'This message was not delivered to maintain healthy ecosystem engagement.'
        }
      ]
    })
    const page2 = await t.call('stats.errorRecipients', {
      campaignId: CAMPAIGN,
      kind: 'delivery',
      offset: 1,
      limit: 1
    })
    expect(page2.total).toBe(2)
    expect(page2.rows.map((r) => r.phone)).toEqual(['+919800000003'])
    const byCode = await t.call('stats.errorRecipients', {
      campaignId: CAMPAIGN,
      kind: 'delivery',
      code: 'X42'
    })
    expect([byCode.total, byCode.rows.map((r) => r.name)]).toEqual([1, ['Hari Menon']])
    const byName = await t.call('stats.errorRecipients', {
      campaignId: CAMPAIGN,
      kind: 'delivery',
      search: 'chitra'
    })
    expect([byName.total, byName.rows.map((r) => r.code)]).toEqual([1, ['131049']])
    const byPhone = await t.call('stats.errorRecipients', {
      campaignId: CAMPAIGN,
      kind: 'dispatch',
      search: '0005'
    })
    expect(byPhone).toEqual({
      total: 1,
      rows: [
        {
          phone: '+919800000005',
          name: 'Esha Nair',
          code: 'timeout',
          title: 'Provider did not answer in time',
          at: utc('2026-03-28T20:01:00Z'),
          providerMessage: 'no answer in 30 s'
        }
      ]
    })
    const none = await t.call('stats.errorRecipients', {
      campaignId: CAMPAIGN,
      kind: 'dispatch',
      search: '100%_'
    })
    expect(none).toEqual({ total: 0, rows: [] })
  })

  const b = (
    start: string,
    startAt: string,
    sent: number,
    delivered: number,
    viewed: number,
    replied: number,
    converted: number
  ) => ({
    start,
    startAt: utc(startAt),
    sent,
    delivered,
    viewed,
    replied,
    converted
  })

  it('stats.trend in Europe/Berlin across the DST switch', async () => {
    const trend = async (granularity: 'day' | 'week' | 'month') =>
      (
        await t.call('stats.trend', {
          campaignId: CAMPAIGN,
          granularity,
          timezone: 'Europe/Berlin'
        })
      ).buckets
    expect(await trend('day')).toEqual([
      b('2026-03-28', '2026-03-27T23:00:00Z', 1, 1, 0, 0, 1),
      b('2026-03-29', '2026-03-28T23:00:00Z', 3, 1, 1, 1, 0),
      b('2026-03-30', '2026-03-29T22:00:00Z', 1, 0, 0, 0, 0),
      b('2026-03-31', '2026-03-30T22:00:00Z', 1, 0, 0, 0, 1),
      b('2026-04-01', '2026-03-31T22:00:00Z', 1, 2, 2, 1, 1)
    ])
    expect(await trend('week')).toEqual([
      b('2026-03-23', '2026-03-22T23:00:00Z', 4, 2, 1, 1, 1),
      b('2026-03-30', '2026-03-29T22:00:00Z', 3, 2, 2, 1, 2)
    ])
    expect(await trend('month')).toEqual([
      b('2026-03-01', '2026-02-28T23:00:00Z', 6, 2, 1, 1, 2),
      b('2026-04-01', '2026-03-31T22:00:00Z', 1, 2, 2, 1, 1)
    ])
  })

  it('stats.trend in Asia/Kolkata (+05:30)', async () => {
    const trend = async (granularity: 'day' | 'week' | 'month') =>
      (await t.call('stats.trend', { campaignId: CAMPAIGN, granularity, timezone: 'Asia/Kolkata' }))
        .buckets
    expect(await trend('day')).toEqual([
      b('2026-03-29', '2026-03-28T18:30:00Z', 3, 2, 1, 1, 1),
      b('2026-03-30', '2026-03-29T18:30:00Z', 2, 0, 0, 0, 0),
      b('2026-03-31', '2026-03-30T18:30:00Z', 0, 0, 0, 0, 1),
      b('2026-04-01', '2026-03-31T18:30:00Z', 2, 2, 2, 1, 1)
    ])
    expect(await trend('week')).toEqual([
      b('2026-03-23', '2026-03-22T18:30:00Z', 3, 2, 1, 1, 1),
      b('2026-03-30', '2026-03-29T18:30:00Z', 4, 2, 2, 1, 2)
    ])
    expect(await trend('month')).toEqual([
      b('2026-03-01', '2026-02-28T18:30:00Z', 5, 2, 1, 1, 2),
      b('2026-04-01', '2026-03-31T18:30:00Z', 2, 2, 2, 1, 1)
    ])
  })

  it('the one-pass rebuild gives exactly the rows the triggers maintained', async () => {
    await t.call('stats.summary', { campaignId: CAMPAIGN })
    const db = t.engine.db
    const live = snapshot(db, CAMPAIGN)
    expect(live.conversions).toHaveLength(4)
    rebuildCampaignStats(db, CAMPAIGN)
    expect(snapshot(db, CAMPAIGN)).toEqual(live)
  })

  /** u9 (sent 2026-03-31T21:50Z) buys within the window: the 4th converted user, revenue 425. Returns the events stored. */
  const u9Buys = (): number =>
    t.engine.eventRepo.insertBatch([
      {
        contactId: 9,
        event: 'purchase',
        at: utc('2026-04-01T09:00:00Z'),
        revenue: 40,
        properties: {},
        source: 'api'
      }
    ])

  it('folds a live goal event into the conversions in the background and announces stats.changed', async () => {
    await t.call('stats.summary', { campaignId: CAMPAIGN })
    const changed = new Promise<void>((resolve) => {
      const off = t.engine.subscribe((name, payload) => {
        if (name !== 'stats.changed' || (payload as { campaignId: string }).campaignId !== CAMPAIGN)
          return
        off()
        resolve()
      })
    })
    u9Buys()
    await changed
    const dirty = t.engine.db.prepare('SELECT COUNT(*) FROM stats_conversion_dirty').pluck()
    expect(dirty.get()).toBe(0)
    const s = await t.call('stats.summary', { campaignId: CAMPAIGN })
    expect([s.converted, s.revenue.target]).toEqual([4, 425])
  })

  it('announces stats.changed when a read folds the goal event in before the background does', async () => {
    await t.call('stats.summary', { campaignId: CAMPAIGN })
    const announced: string[] = []
    const off = t.engine.subscribe((name, payload) => {
      if (name === 'stats.changed') announced.push((payload as { campaignId: string }).campaignId)
    })
    u9Buys()
    // The read drains at once; the campaign list, which showed 3, must hear that it is 4 now.
    const s = await t.call('stats.summary', { campaignId: CAMPAIGN })
    expect(s.converted).toBe(4)
    expect(announced).toEqual([CAMPAIGN])
    // ...and only once: the background refresh finds nothing left to drain.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    off()
    expect(announced).toEqual([CAMPAIGN])
  })

  it('refuses an unknown campaign and an unknown zone with clear errors', async () => {
    await expect(t.call('stats.summary', { campaignId: 'nope' })).rejects.toThrow(
      /not_found: No campaign nope/
    )
    await expect(
      t.call('stats.trend', { campaignId: CAMPAIGN, granularity: 'day', timezone: 'Mars/Olympus' })
    ).rejects.toThrow(/invalid_input: Unknown time zone "Mars\/Olympus"/)
  })
})
