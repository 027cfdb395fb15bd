import { adapterFor } from '../../../src/main/providers/registry'
import type { TestEngine } from '../../helpers/engine'
import type { Db } from '../../../src/main/db/openDb'
import { seedCampaign, type SeedOptions } from '../../helpers/seedCampaign'

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

type Seeded = ReturnType<typeof seedCampaign>

/**
 * A campaign seeded as sent (seedCampaign) whose draft names `template`: the template a provider's
 * analytics are asked about (Gupshup's own id, or a name the synced list maps to Meta's id).
 */
export function seedSending(db: Db, options: SeedOptions, template: string): Seeded {
  const seeded = seedCampaign(db, options)
  db.prepare(`UPDATE campaign SET draft = ? WHERE id = ?`).run(
    JSON.stringify({ template: { name: template, language: 'en', params: [] } }),
    seeded.campaignId
  )
  return seeded
}

/** The synced template list's row that names Meta's id (`externalId`) of the template 'offer'. */
export function syncMetaOffer(db: Db, providerId: string, externalId: string): void {
  db.prepare(
    `INSERT INTO template (provider_id, name, language, external_id, category, status, components, variables, updated_at)
     VALUES (?, 'offer', 'en', ?, 'marketing', 'APPROVED', '[]', '[]', 0)`
  ).run(providerId, externalId)
}

/**
 * The analytics tests' set-up on a started engine: an account on the provider's fake, and
 * `campaign(sentAt, count, phonePrefix)` seeding campaigns of that account that send `template`.
 */
export async function analyticsSetup(
  t: TestEngine,
  type: 'meta' | 'gupshup',
  fake: Parameters<typeof createAccount>[2],
  template: string
): Promise<{
  t: TestEngine
  db: Db
  provider: Awaited<ReturnType<typeof createAccount>>['provider']
  campaign: (sentAt: number, count: number, phonePrefix: string, name?: string) => Seeded
  hookUrl: string
}> {
  const { provider, hookUrl } = await createAccount(t, type, fake)
  const db = t.engine.db
  const campaign = (sentAt: number, count: number, phonePrefix: string, name = template) =>
    seedSending(db, { providerId: provider.id, count, sentAt, phonePrefix }, name)
  return { t, db, provider, campaign, hookUrl }
}

/**
 * Our callbacks for the first 25 of a campaign's messages: each delivered a minute after it was
 * sent, the first 20 also read `readAfterMs` after; `withPhone` names the recipient in each (Meta's
 * statuses carry it; the message was seeded, not sent through the fake, so it cannot fill it).
 */
export function twentyFiveDeliveredTwentyRead(
  messages: { providerMessageId: string | null; sentAt: number; phone: string }[],
  readAfterMs: number,
  withPhone = false
) {
  const status = (m: (typeof messages)[number], status: string, at: number) => ({
    kind: 'status' as const,
    id: m.providerMessageId!,
    status,
    at,
    ...(withPhone ? { to: m.phone } : {})
  })
  return messages
    .slice(0, 25)
    .flatMap((m, i) => [
      status(m, 'delivered', m.sentAt + 60_000),
      ...(i < 20 ? [status(m, 'read', m.sentAt + readAfterMs)] : [])
    ])
}
