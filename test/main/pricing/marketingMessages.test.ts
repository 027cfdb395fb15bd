import { afterEach, describe, expect, it } from 'vitest'
import { startMetaFake, type FakeUserAction, type MetaFake } from '../../fakes/meta'
import type { FakeStatus } from '../../fakes/callbacks'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { drained } from '../callbacks/meta'
import { campaignDraft, contactsCsv, metaConfig, phoneOf, waitFor } from '../dispatch/helpers'

process.env.TICKBOARD_SEND_TIMEOUT_MS = '60000'

const tempDir = useTempDirs()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const CONTACTS = 40
const HELD = new Set([phoneOf(3), phoneOf(17)])

/** A Meta account with the option on, and a synced marketing template. */
async function launch(fake: MetaFake, option: boolean, category: string | null = 'marketing') {
  const t: TestEngine = await startTestEngine(tempDir())
  closers.push(() => t.engine.close())
  const db = t.engine.ctx.db
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
  const url = `${t.engine.ctx.hooksBase()}${provider.callbackPath}`
  return { t, db, id, url, provider }
}

describe('Marketing Messages API (Meta): sends, clicks and landing page views', () => {
  it('sends marketing templates to /marketing_messages and keeps message_status', async () => {
    const fake = await startMetaFake({
      marketingStatus: (to) => (HELD.has(to) ? 'held_for_quality_assessment' : 'accepted')
    })
    closers.push(() => fake.close())
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
    closers.push(() => fake.close())
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

  it('clicked and landingPageViews equal the ground truth; duplicates and unknown clicks change nothing', async () => {
    const fake = await startMetaFake()
    closers.push(() => fake.close())
    const { t, db, id, url, provider } = await launch(fake, true)
    const sent = fake.requests.map((r) => ({ wamid: r.providerMessageId, to: r.to }))
    const by = (i: number) => sent.find((s) => s.to === phoneOf(i))!
    const actions: FakeUserAction[] = [
      // User 1: a CTA click in context, then a body click (still one user), each with a page view.
      {
        action: 'click',
        clickId: 'c1',
        trackingToken: 't1',
        component: 'cta',
        messageId: by(1).wamid
      },
      { action: 'landing_page_view', clickId: 'c1', trackingToken: 't1' },
      {
        action: 'click',
        clickId: 'c2',
        trackingToken: 't2',
        component: 'body',
        messageId: by(1).wamid
      },
      // User 2: the page view arrives before its click; the click names only the user (no context).
      { action: 'landing_page_view', trackingToken: 't3' },
      { action: 'click', clickId: 'c3', trackingToken: 't3', component: 'cta', from: phoneOf(2) },
      // User 3: a click correlated by click id only (no tracking token), and its view.
      { action: 'click', clickId: 'c4', component: 'cta', messageId: by(3).wamid },
      { action: 'landing_page_view', clickId: 'c4' },
      // Unknown message and unknown user: kept, counted, attributed to nothing.
      { action: 'click', clickId: 'c5', messageId: 'wamid.unknown', from: '+15550001111' },
      // A page view of a click never seen.
      { action: 'landing_page_view', trackingToken: 't-never' }
    ]
    for (const r of await fake.emitUserActions(actions, { url, duplicate: true }))
      expect(r).toBe(200)
    await drained(db)
    // Truth: users 1, 2, 3 clicked; views t1, t3 and c4 belong to them.
    const marketing = await t.call('stats.marketing', { campaignId: id })
    expect(marketing).toMatchObject({ clicked: 3, landingPageViews: 3 })
    expect(await t.call('stats.summary', { campaignId: id })).toMatchObject({
      clicked: 3,
      landingPageViews: 3
    })
    const funnel = await t.call('stats.funnel', {
      campaignId: id,
      steps: ['sent', 'clicked', 'converted']
    })
    expect(funnel.steps.map((s) => [s.name, s.users])).toEqual([
      ['sent', CONTACTS],
      ['clicked', 3],
      ['converted', 0]
    ])
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.ignored).toMatchObject({
      duplicate_click: 5,
      duplicate_landing_page_view: 4,
      unattributed_click: 1,
      // t3 arrived before its click (attributed when the click came) and t-never never did.
      unattributed_landing_page_view: 2
    })
  })

  it('keeps the first pricing of each message; repeats and duplicates change nothing', async () => {
    const fake = await startMetaFake()
    closers.push(() => fake.close())
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
