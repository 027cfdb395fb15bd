import { describe, expect, it } from 'vitest'
import type { EngineSettings } from '../../../src/main/kernel/settings'
import { contactsCsv, waitFor } from '../dispatch/helpers'
import { orderUpdates, useSyncedMeta } from './syncedMeta'

/**
 * Meta sends template webhooks only to the app's default callback URL, never to the phone-number
 * override Tickboard registers, so a paused template must be learnt by reading the list again.
 */
describe('a sending campaign re-reads its template list (Meta template webhooks skip the override)', () => {
  const syncedMeta = useSyncedMeta()

  async function setUp(settings: Partial<EngineSettings>, ratePerSecond = 2) {
    const { t, fake, provider } = await syncedMeta(contactsCsv(40), {
      // The suite turns automatic syncs of network accounts off; this account is the local fake.
      settings: { templateAutoSyncNetwork: true, ...settings }
    })
    const { id } = await t.call('campaigns.create', orderUpdates(provider.id, ratePerSecond))
    return { t, fake, id, provider }
  }

  it('a template paused mid-campaign pauses it at the next re-read, with no webhook', async () => {
    // One send every 10 s: the pause is learnt from the list, not from a refused send (132015).
    const { t, fake, id } = await setUp({ campaignTemplateSyncMs: 300 }, 0.1)
    await t.call('campaigns.launch', { id, overrideReadiness: true })
    await waitFor(
      () => t.call('campaigns.get', { id }),
      (c) => c.status === 'running' && fake.requests.length >= 1,
      20_000
    )
    // Meta pauses it; its webhook goes to the app's default URL, which is not Tickboard.
    fake.registration.url = 'https://tickboard.example/hooks/meta/override'
    const webhook = fake.setTemplateStatus({
      name: 'order_update',
      language: 'en_US',
      event: 'PAUSED',
      reason: 'LOW_QUALITY'
    })
    expect(webhook.map((w) => w.url)).toEqual([fake.options.appUrl])

    const paused = await waitFor(
      () => t.call('campaigns.get', { id }),
      (c) => c.status === 'paused',
      20_000
    )
    expect(paused.pausedReason).toContain('paused template order_update (en_US)')
    const stored = await t.call('templates.list', { providerId: paused.providerId })
    expect(stored.templates.find((x) => x.name === 'order_update')?.status).toBe('PAUSED')
  })

  it('at launch the list is read again: a template paused since the last sync pauses it', async () => {
    // No periodic re-read within the test: only the launch's.
    const { t, fake, id } = await setUp({ campaignTemplateSyncMs: 60 * 60 * 1000 })
    fake.setTemplateStatus({ name: 'order_update', language: 'en_US', event: 'PAUSED' })
    await t.call('campaigns.launch', { id, overrideReadiness: true })
    const paused = await waitFor(
      () => t.call('campaigns.get', { id }),
      (c) => c.status === 'paused',
      20_000
    )
    // Paused by whichever came first: the launch's re-read or Meta refusing the send (132015).
    expect(paused.pausedReason).toMatch(
      /paused template order_update|refused the template as paused/
    )
    // The list was read again at launch: the stored template is paused too.
    const stored = await waitFor(
      () => t.call('templates.list', { providerId: paused.providerId }),
      (l) => l.templates.find((x) => x.name === 'order_update')?.status === 'PAUSED',
      20_000
    )
    expect(stored.templates.find((x) => x.name === 'order_update')?.status).toBe('PAUSED')
  })
})
