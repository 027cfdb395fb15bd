import { adapterFor } from '../../../src/main/providers/registry'
import type { TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'

const CONTENT_SID = `HX${'c'.repeat(32)}`

/**
 * A launched campaign of `count` messages really sent through the Twilio fake (so its Message
 * resources exist), each row holding the SID the send answered, as the dispatcher stores it.
 */
export async function sendThroughTwilio(
  t: TestEngine,
  options: {
    providerId: string
    count: number
    sentAt: number
    phonePrefix?: string
    /** Where Twilio posts status callbacks (the local hooks URL when no tunnel is up). */
    callbackUrl: string
  }
) {
  const db = t.engine.db
  const { campaignId, messages } = seedCampaign(db, options)
  const account = t.engine.providerAccounts.get(options.providerId)
  const sids: string[] = []
  for (const m of messages) {
    const outcome = await adapterFor('twilio').send(
      account,
      {
        ourId: m.ourId,
        to: m.phone,
        template: { name: CONTENT_SID, language: 'en', params: [] },
        callbackUrl: options.callbackUrl
      },
      AbortSignal.timeout(5000)
    )
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome))
    db.prepare('UPDATE message SET provider_message_id = ? WHERE id = ?').run(
      outcome.providerMessageId,
      m.id
    )
    sids.push(outcome.providerMessageId)
  }
  return { campaignId, sids }
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
