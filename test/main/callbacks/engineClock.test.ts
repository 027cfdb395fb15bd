import { expect, test } from 'vitest'
import { metaJson, metaSignature } from '../../fakes/signing'
import { until } from '../../helpers/until'
import { useSyncedMeta } from '../templates/syncedMeta'

/**
 * A callback arrives at the engine's time, not the computer's: the inbox row, a refusal, the
 * row's processing and a Meta template webhook (whose values carry no time of their own) are
 * stamped with the engine's now. The engine runs ten days behind the wall clock, so `Date.now`
 * would be seen.
 */
const syncedMeta = useSyncedMeta()

const DAY = 24 * 3600_000

test('a template webhook, its inbox row and a refused callback carry the engine’s time', async () => {
  const now = Date.now() - 10 * DAY
  const { t, fake, provider } = await syncedMeta('phone,name\n+919812400001,Asha\n', {
    clock: { now: () => now }
  })
  const hookUrl = `${t.engine.hooksBase()}${provider.callbackPath}`
  const body = metaJson({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'template_category_update',
            value: {
              message_template_id: 1000000,
              message_template_name: 'order_update',
              message_template_language: 'en_US',
              previous_category: 'UTILITY',
              new_category: 'MARKETING'
            }
          }
        ]
      }
    ]
  })
  const post = (signature: string) =>
    fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body
    })
  expect((await post(metaSignature(fake.options.appSecret, body))).status).toBe(200)
  expect((await post(metaSignature('not-the-app-secret', body))).status).toBe(401)

  const order = await until('the category change applied', async () => {
    const { templates } = await t.call('templates.list', { providerId: provider.id })
    const found = templates.find((x) => x.name === 'order_update' && x.language === 'en_US')
    return found?.category === 'marketing' ? found : undefined
  })
  expect(order.categoryChangedAt).toBe(now)
  const db = t.engine.db
  expect(db.prepare('SELECT at FROM template_change').pluck().all()).toEqual([now])
  expect(db.prepare('SELECT received_at, processed_at FROM callback_inbox').all()).toEqual([
    { received_at: now, processed_at: now }
  ])
  await until('the refusal recorded', () =>
    db.prepare('SELECT at FROM callback_rejection').pluck().get()
  )
  expect(db.prepare('SELECT at FROM callback_rejection').pluck().all()).toEqual([now])
})
