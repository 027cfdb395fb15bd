import { adapterFor } from '../../../src/main/providers/registry'
import type { TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'

const CONTENT_SID = `HX${'c'.repeat(32)}`
/** What each provider's send names as the template: Twilio a Content SID, Infobip its name. */
const TEMPLATE_NAME = { twilio: CONTENT_SID, infobip: 'order_update' }

/**
 * A launched campaign of `count` messages really sent through the provider's fake (so its
 * records exist there for a lookup), each row holding the id the send answered, as the dispatcher
 * stores it on acceptance.
 */
export async function sendThrough(
  t: TestEngine,
  type: keyof typeof TEMPLATE_NAME,
  options: {
    providerId: string
    count: number
    sentAt: number
    phonePrefix?: string
    /** Where the provider posts status callbacks (the local hooks URL when no tunnel is up). */
    callbackUrl: string
  }
) {
  const db = t.engine.db
  const { campaignId, messages } = seedCampaign(db, options)
  const account = t.engine.providerAccounts.get(options.providerId)
  const ids: string[] = []
  for (const m of messages) {
    const outcome = await adapterFor(type).send(
      account,
      {
        ourId: m.ourId,
        to: m.phone,
        template: { name: TEMPLATE_NAME[type], language: 'en', params: [] },
        callbackUrl: options.callbackUrl
      },
      AbortSignal.timeout(5000)
    )
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome))
    db.prepare('UPDATE message SET provider_message_id = ? WHERE id = ?').run(
      outcome.providerMessageId,
      m.id
    )
    ids.push(outcome.providerMessageId)
  }
  return { campaignId, ids }
}

/** `sendThrough` Twilio, naming the ids as Twilio does (Message SIDs). */
export async function sendThroughTwilio(
  t: TestEngine,
  options: Parameters<typeof sendThrough>[2]
): Promise<{ campaignId: string; sids: string[] }> {
  const { campaignId, ids } = await sendThrough(t, 'twilio', options)
  return { campaignId, sids: ids }
}

/** A provider account made through `providers.create`, and the local URL its callbacks reach. */
export async function createAccount(
  t: TestEngine,
  type: 'meta' | 'twilio' | 'gupshup' | 'infobip',
  fake: { url: string; account(): { config: Record<string, unknown> } }
) {
  const provider = await t.call('providers.create', {
    type,
    name: `${type} ${fake.url.slice(-5)}`,
    config: fake.account().config as never
  })
  return { provider, hookUrl: `${t.engine.hooksBase()}${provider.callbackPath}` }
}
