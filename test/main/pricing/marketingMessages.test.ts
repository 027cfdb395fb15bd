import { describe, expect, it } from 'vitest'
import { startMetaFake, type FakeUserAction, type MetaFake } from '../../fakes/meta'
import type { FakeStatus } from '../../fakes/callbacks'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { drained } from '../callbacks/meta'
import { campaignDraft, contactsCsv, metaConfig, phoneOf, waitFor } from '../dispatch/helpers'
import { useClosers } from '../../helpers/closers'

process.env.TICKBOARD_SEND_TIMEOUT_MS = '60000'

const tempDir = useTempDirs()
const closeAfter = useClosers()

const CONTACTS = 40
const HELD = new Set([phoneOf(3), phoneOf(17)])

/** A Meta account with the option on, and a synced marketing template. */
async function launch(fake: MetaFake, option: boolean, category: string | null = 'marketing') {
  const t: TestEngine = await startTestEngine(tempDir())
  closeAfter(() => t.engine.close())
  const db = t.engine.db
  await t.call('contacts.import', { csv: contactsCsv(CONTACTS) })
  const provider = await t.call('providers.create', {
    type: 'meta',
    name: 'Meta fake',
    config: metaConfig(fake)
  })
  await t.call('pricing.setAccount', {
    providerId: provider.id,
    currency: 'USD',
    feePerMessage: 0,
    marketingMessagesApi: option
  })
  db.prepare(
    `INSERT INTO template (provider_id, name, language, category, status, components, variables, updated_at)
     VALUES (?, 'offer', 'en', ?, 'APPROVED', '[]', '[]', 0)`
  ).run(provider.id, category)
  const { id } = await t.call('campaigns.create', campaignDraft(provider.id))
  // Launch copies the synced template's category; set it too in case this build's launch does not.
  db.prepare('UPDATE campaign SET template_category = ? WHERE id = ?').run(category, id)
  await t.call('campaigns.launch', { id, overrideReadiness: true })
  const done = await waitFor(
    () => t.call('campaigns.get', { id }),
    (c) => c.status !== 'running',
    60_000
  )
  expect(done.status).toBe('completed')
  const url = `${t.engine.hooksBase()}${provider.callbackPath}`
  return { t, db, id, url, provider }
}

describe('Marketing Messages API (Meta): sends, clicks and landing page views', () => {
  it('sends marketing templates to /marketing_messages and keeps message_status', async () => {
    const fake = await startMetaFake({
      marketingStatus: (to) => (HELD.has(to) ? 'held_for_quality_assessment' : 'accepted')
    })
    closeAfter(() => fake.close())
    const { t, id } = await launch(fake, true)
    expect(fake.requests).toHaveLength(CONTACTS)
    expect(fake.marketingSends.size).toBe(CONTACTS)
    expect(await t.call('stats.marketing', { campaignId: id })).toEqual({
      clicked: 0,
      landingPageViews: 0,
      sendStatus: { accepted: CONTACTS - 2, held_for_quality_assessment: 2 }
    })
    const summary = await t.call('stats.summary', { campaignId: id })
    expect(summary).toMatchObject({ sent: CONTACTS, clicked: 0, landingPageViews: 0 })
  })

  it('keeps /messages without the option, or for a utility template: no Clicked stat', async () => {
    const fake = await startMetaFake()
    closeAfter(() => fake.close())
    const off = await launch(fake, false)
    expect(fake.marketingSends.size).toBe(0)
    expect(await off.t.call('stats.summary', { campaignId: off.id })).toMatchObject({
      clicked: null,
      landingPageViews: null
    })
    const funnel = await off.t.call('stats.funnel', { campaignId: off.id })
    expect(funnel.steps.map((s) => s.name)).toEqual(['sent', 'delivered', 'viewed', 'converted'])
    const utility = await launch(fake, true, 'utility')
    expect(fake.marketingSends.size).toBe(0)
    expect((await utility.t.call('stats.marketing', { campaignId: utility.id })).clicked).toBeNull()
  })

  it('click webhooks (documented: no user, no message) go to the only Marketing Messages API campaign of the number; duplicates change nothing', async () => {
    const fake = await startMetaFake()
    closeAfter(() => fake.close())
    const { t, db, id, url, provider } = await launch(fake, true)
    const actions: FakeUserAction[] = [
      { action: 'click', clickId: 'c1', trackingToken: 't1', component: 'cta' },
      { action: 'landing_page_view', clickId: 'c1', trackingToken: 't1' },
      { action: 'click', clickId: 'c2', trackingToken: 't2', component: 'body' },
      // The page view may arrive before its click.
      { action: 'landing_page_view', trackingToken: 't3' },
      { action: 'click', clickId: 'c3', trackingToken: 't3', component: 'cta' },
      { action: 'click', clickId: 'c4', component: 'cta' },
      { action: 'landing_page_view', clickId: 'c4' },
      // Before any campaign of this number was sending: kept, attributed to nothing.
      { action: 'click', clickId: 'c0', at: Date.now() - 30 * 24 * 3600_000 }
    ]
    for (const r of await fake.emitUserActions(actions, { url, duplicate: true }))
      expect(r).toBe(200)
    await drained(db)
    // Four clicks and three page views, counted for the campaign, never for a user or message.
    expect(await t.call('stats.marketing', { campaignId: id })).toMatchObject({
      clicked: 4,
      landingPageViews: 3
    })
    expect(await t.call('stats.summary', { campaignId: id })).toMatchObject({
      clicked: 4,
      landingPageViews: 3
    })
    const stored = db
      .prepare(
        'SELECT COUNT(*) AS n, COUNT(message_id) AS withMessage, COUNT(campaign_id) AS withCampaign FROM marketing_action'
      )
      .get()
    expect(stored).toEqual({ n: 8, withMessage: 0, withCampaign: 7 })
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.ignored).toMatchObject({
      duplicate_click: 5,
      duplicate_landing_page_view: 3,
      unattributed_click: 1
    })

    // A second Marketing Messages API campaign of the same number: a click could be either's.
    const second = await t.call('campaigns.create', campaignDraft(provider.id, { name: 'Second' }))
    db.prepare("UPDATE campaign SET template_category = 'marketing' WHERE id = ?").run(second.id)
    await t.call('campaigns.launch', { id: second.id, overrideReadiness: true })
    await waitFor(
      () => t.call('campaigns.get', { id: second.id }),
      (c) => c.status !== 'running',
      60_000
    )
    for (const r of await fake.emitUserActions([{ action: 'click', clickId: 'c9' }], { url }))
      expect(r).toBe(200)
    await drained(db)
    expect((await t.call('stats.summary', { campaignId: id })).clicked).toBe(4)
    expect((await t.call('stats.summary', { campaignId: second.id })).clicked).toBe(0)
    expect((await t.call('callbacks.health', { providerId: provider.id })).ignored).toMatchObject({
      ambiguous_click: 1
    })
  })

  it('keeps the first pricing of each message; repeats and duplicates change nothing', async () => {
    const fake = await startMetaFake()
    closeAfter(() => fake.close())
    const { t, db, id, url } = await launch(fake, false)
    const [a, b, c] = fake.requests
    const status = (id: string, s: string, pricing: FakeStatus['pricing']): FakeStatus => ({
      kind: 'status',
      id,
      status: s,
      pricing
    })
    const events: FakeStatus[] = [
      status(a!.providerMessageId, 'sent', { category: 'marketing', type: 'regular' }),
      // A later status repeating a different pricing does not replace the first one.
      status(a!.providerMessageId, 'delivered', { category: 'utility', type: 'regular' }),
      status(b!.providerMessageId, 'sent', {
        category: 'utility',
        type: 'free_customer_service',
        billable: false
      }),
      status(b!.providerMessageId, 'read', null),
      status(c!.providerMessageId, 'sent', null)
    ]
    for (const r of await fake.emit(events, { url, duplicate: true })) expect(r).toBe(200)
    await drained(db)
    const rows = db
      .prepare(
        'SELECT message_id, category, type, counted_as FROM message_pricing ORDER BY message_id'
      )
      .all()
    expect(rows).toHaveLength(2)
    expect(rows).toEqual([
      expect.objectContaining({ category: 'marketing', type: 'regular', counted_as: 'billable' }),
      expect.objectContaining({
        category: 'utility',
        type: 'free_customer_service',
        counted_as: 'free'
      })
    ])
    const cost = await t.call('stats.cost', { campaignId: id })
    expect(cost).toMatchObject({ billable: 1, free: 1, estimated: false })
  })
})
