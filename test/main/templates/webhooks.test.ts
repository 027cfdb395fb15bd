import { describe, expect, it } from 'vitest'
import { metaJson, metaSignature } from '../../fakes/signing'
import { waitFor } from '../dispatch/helpers'
import { orderUpdates, useSyncedMeta } from './syncedMeta'

const CONTACTS = 40
const csv = [
  'phone,name,city',
  ...Array.from({ length: CONTACTS }, (_, i) => `+9198124${String(i).padStart(5, '0')},P${i},Pune`)
].join('\n')

describe('Meta template webhooks', () => {
  const syncedMeta = useSyncedMeta()

  async function setUp() {
    const { t, fake, provider } = await syncedMeta(csv)
    const hookUrl = `${t.engine.hooksBase()}${provider.callbackPath}`
    const post = async (field: string, value: Record<string, unknown>) => {
      const body = metaJson({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            time: Math.floor(Date.now() / 1000),
            changes: [{ field, value }]
          }
        ]
      })
      const res = await fetch(hookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': metaSignature(fake.options.appSecret, body)
        },
        body
      })
      expect(res.status).toBe(200)
    }
    return { provider, post, t, fake }
  }

  it('PAUSED while a campaign sends the template pauses it with the reason', async () => {
    const { provider, post, t } = await setUp()
    const { id } = await t.call('campaigns.create', orderUpdates(provider.id, 4))
    await t.call('campaigns.launch', { id, overrideReadiness: true })
    await post('message_template_status_update', {
      event: 'PAUSED',
      message_template_id: 1000000,
      message_template_name: 'order_update',
      message_template_language: 'en_US',
      reason: 'LOW_QUALITY'
    })
    const paused = await waitFor(
      () => t.call('campaigns.get', { id }),
      (c) => c.status === 'paused',
      20_000
    )
    expect(paused.status).toBe('paused')
    expect(paused.pausedReason).toMatch(/paused template order_update \(en_US\): LOW_QUALITY/)
    expect(paused.progress.processed).toBeLessThan(CONTACTS)
    const list = await t.call('templates.list', { providerId: provider.id })
    const stored = list.templates.find((x) => x.name === 'order_update' && x.language === 'en_US')
    expect(stored?.status).toBe('PAUSED')
    expect(stored?.statusReason).toBe('LOW_QUALITY')
    // Paused template: a new draft naming it is a preview problem.
    const preview = await t.call('campaigns.preview', {
      draft: {
        providerId: provider.id,
        template: { name: 'order_update', language: 'en_US', params: ['a', 'b', 'c'] }
      }
    })
    expect(preview.problems.join(' ')).toMatch(/is PAUSED at the provider/)
  })

  it('a category change is recorded with its time; quality updates are stored', async () => {
    const { provider, post, t } = await setUp()
    const before = Date.now()
    await post('template_category_update', {
      message_template_id: 1000000,
      message_template_name: 'order_update',
      message_template_language: 'en_US',
      previous_category: 'UTILITY',
      new_category: 'MARKETING'
    })
    await post('message_template_quality_update', {
      previous_quality_score: 'GREEN',
      new_quality_score: 'YELLOW',
      message_template_id: 1000002,
      message_template_name: 'spring_promo',
      message_template_language: 'en'
    })
    const list = await waitFor(
      () => t.call('templates.list', { providerId: provider.id }),
      (l) => l.templates.find((x) => x.name === 'spring_promo')?.quality === 'YELLOW',
      20_000
    )
    const order = list.templates.find((x) => x.name === 'order_update' && x.language === 'en_US')!
    expect(order.category).toBe('marketing')
    expect(order.previousCategory).toBe('utility')
    expect(order.categoryChangedAt).toBeGreaterThanOrEqual(before)
    const changes = t.engine.db
      .prepare(
        `SELECT kind, old_value, new_value, at, source FROM template_change WHERE name = 'order_update'`
      )
      .all() as { kind: string; old_value: string; new_value: string; at: number; source: string }[]
    expect(changes).toEqual([
      {
        kind: 'category',
        old_value: 'utility',
        new_value: 'marketing',
        at: order.categoryChangedAt,
        source: 'webhook'
      }
    ])
    // A campaign launched now fixes the new category.
    const { id } = await t.call('campaigns.create', {
      name: 'Now marketing',
      providerId: provider.id,
      template: { name: 'order_update', language: 'en_US', params: ['{{name}}', '#1', 'Fri'] },
      audience: { all: true },
      controlGroupPercent: 0,
      limit: 1
    })
    await t.call('campaigns.launch', { id, overrideReadiness: true })
    expect((await t.call('campaigns.get', { id })).template?.category).toBe('marketing')
  })

  it("Meta's 132015 send error pauses the campaign with the reason", async () => {
    const { provider, t, fake } = await setUp()
    fake.script('+919812400003', {
      kind: 'http',
      status: 400,
      code: 132015,
      message: '(#132015) Template is paused'
    })
    const { id } = await t.call('campaigns.create', orderUpdates(provider.id, 20))
    await t.call('campaigns.launch', { id, overrideReadiness: true })
    const paused = await waitFor(
      () => t.call('campaigns.get', { id }),
      (c) => c.status === 'paused',
      20_000
    )
    expect(paused.status).toBe('paused')
    expect(paused.pausedReason).toMatch(/refused the template as paused \(132015/)
  })
})
