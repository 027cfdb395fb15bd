import { createHmac, randomBytes } from 'node:crypto'
import type { CampaignDraft } from '../../../shared/ipc/routes/campaigns'
import { draftOf, type CampaignRepo } from '../../db/repos/campaignRepo'
import type { ContactEventInsert, EventRepo } from '../../db/repos/eventRepo'
import type { MessageRepo } from '../../db/repos/messageRepo'
import type { SettingRepo } from '../../db/repos/settingRepo'
import type { Clock, Log } from '../../kernel/kernel'
import { parseMetaCallback, verifyMetaSignature } from '../meta/callbacks'
import { callbackPathOf, type ProviderAccount } from '../providerAccounts'
import type { ProviderAdapter, SendRequest, SendOutcome } from '../types'
import { FAILURES, planMessage, ratesOf, type StatusName } from './plan'
import { planClicks, userActionItem, type SandboxClick } from './clicks'
import { TimedQueue } from './queue'
import { urlOn } from '../../http/url'

type Action =
  | {
      kind: 'status'
      account: ProviderAccount
      wamid: string
      ourId: string
      to: string
      status: StatusName
      failure?: (typeof FAILURES)[number]
    }
  | { kind: 'reply'; account: ProviderAccount; wamid: string; to: string; text: string }
  | { kind: 'click'; account: ProviderAccount; click: SandboxClick }
  | { kind: 'goal'; event: Omit<ContactEventInsert, 'at'> }

/** The Sandbox adapter plus `close`: drops what is pending and ends POSTs in flight. */
export type SandboxAdapter = ProviderAdapter & { close(): Promise<void> }

/** Pending callbacks and goal events kept in memory at most; beyond it the sandbox drops some. */
const MAX_PENDING = 200_000
/** Statuses per POST: Meta batches several in one notification. */
const BATCH = 50
/** Share of target / control users that do the campaign's goal event, so a demo shows lift. */
const TARGET_CONVERSION = 0.12
const CONTROL_CONVERSION = 0.08
/** Control rows drawn at one send at most, so a send never does audience-sized work. */
const CONTROL_DRAW = 1000

/** What the Sandbox reads and writes, handed over by the composition root. */
export interface SandboxDeps {
  log: Log
  /** The engine's clock: the times of the statuses, replies, clicks and goal events it reports. */
  clock: Clock
  /** Where callbacks go: the public base (tunnel, `--public-url`), else the local listener. */
  callbackBase(): string | null
  /** The sent message's campaign and contact, and the control rows it draws goal events for. */
  messages: Pick<MessageRepo, 'sandboxTarget' | 'controlsAfter'>
  /** The campaign's conversion goal (its draft). */
  campaigns: Pick<CampaignRepo, 'get'>
  /** Goal events of the users who convert. */
  events: Pick<EventRepo, 'insertBatch'>
  /** The control-draw cursor of each campaign, kept across restarts. */
  settings: Pick<SettingRepo, 'get' | 'set'>
}

export const SANDBOX_PHONE_NUMBER_ID = 'sandbox'
const BUSINESS_NUMBER = '15550000000'

/**
 * The built-in Sandbox provider: accepts every message without credentials, then posts real
 * Meta-format status, reply and (Marketing Messages API sends) click callbacks, signed `X-Hub-Signature-256` with the account's
 * callback token as the app secret, to the app's own callback URL (the tunnel when up, else
 * the local callback listener). With a conversion goal it also records goal events for a share
 * of target and control users. Pending work is one bounded timed queue, closed when the engine stops.
 */
export function createSandboxAdapter(deps: SandboxDeps): SandboxAdapter {
  const { log, messages, campaigns, settings } = deps
  const queue = new TimedQueue<Action>(MAX_PENDING, fire)
  // Callback POSTs in flight, aborted on close: none may outlive the engine's data file.
  const closing = new AbortController()
  const posting = new Set<Promise<void>>()
  const cursors = new Map<string, number>()
  const goals = new Map<string, CampaignDraft['conversion'] | null>()

  function goalFor(campaignId: string): CampaignDraft['conversion'] | null {
    if (goals.has(campaignId)) return goals.get(campaignId)!
    const row = campaigns.get(campaignId)
    const goal = row ? (draftOf(row).conversion ?? null) : null
    goals.set(campaignId, goal)
    return goal
  }

  /**
   * The control group converts too, at a lower rate. At each send the control rows qualified
   * since the last draw are drawn (at most 1,000, so a send never does audience-sized work); the
   * cursor is kept in the settings table so a restart mid-campaign draws no control user twice,
   * and in memory so a send reads it once per campaign. (Data files from before kept a start time
   * there, larger than any seq: nothing is redrawn.)
   */
  function drawControls(
    campaignId: string,
    goal: NonNullable<CampaignDraft['conversion']>,
    latencyMs: number
  ): void {
    const key = `sandbox.controlGoals.${campaignId}`
    let cursor = cursors.get(campaignId)
    if (cursor === undefined) {
      const stored = Number(settings.get(key) ?? 0)
      cursor = Number.isFinite(stored) ? stored : 0
    }
    // Qualification writes control rows page by page while sending has begun: drawn as they appear.
    const rows = messages.controlsAfter(campaignId, cursor, CONTROL_DRAW)
    if (rows.length > 0) {
      cursor = rows[rows.length - 1]!.seq
      settings.set(key, String(cursor))
    }
    cursors.set(campaignId, cursor)
    for (const { contact_id } of rows)
      if (Math.random() < CONTROL_CONVERSION)
        queue.push(goalDelay(latencyMs), {
          kind: 'goal',
          event: goalEvent(contact_id, goal)
        })
  }

  function send(account: ProviderAccount, request: SendRequest): Promise<SendOutcome> {
    const rates = ratesOf(account.config)
    const wamid = `wamid.${randomBytes(24).toString('base64url')}`
    const now = deps.clock.now()
    const plan = planMessage(rates)
    const to = request.to.replace(/^\+/, '')
    for (const s of plan.statuses)
      queue.push(s.after, {
        kind: 'status',
        account,
        wamid,
        ourId: request.ourId,
        to,
        status: s.status,
        failure: s.failure
      })
    if (plan.reply)
      queue.push(plan.reply.after, {
        kind: 'reply',
        account,
        wamid,
        to,
        text: plan.reply.text
      })
    // Marketing Messages API sends: some readers click the body or the CTA, some of those open the page.
    if (request.marketingMessagesApi) {
      const read = plan.statuses.find((s) => s.status === 'read')
      for (const click of planClicks(wamid, to, read ? now + read.after : null))
        queue.push(click.at - now, { kind: 'click', account, click })
    }
    const message = messages.sandboxTarget(request.ourId)
    if (message) {
      const goal = goalFor(message.campaign_id)
      if (goal) drawControls(message.campaign_id, goal, rates.latencyMs)
      if (goal && Math.random() < TARGET_CONVERSION)
        queue.push(goalDelay(rates.latencyMs), {
          kind: 'goal',
          event: goalEvent(message.contact_id, goal)
        })
    }
    return Promise.resolve(
      request.marketingMessagesApi
        ? { kind: 'accepted', providerMessageId: wamid, marketingMessageStatus: 'accepted' }
        : { kind: 'accepted', providerMessageId: wamid }
    )
  }

  function fire(actions: Action[]): void {
    const now = deps.clock.now()
    const events = actions.flatMap((a) => (a.kind === 'goal' ? [{ ...a.event, at: now }] : []))
    if (events.length) {
      try {
        deps.events.insertBatch(events, now)
      } catch (err) {
        log('sandbox: could not record goal events', err)
      }
    }
    const byAccount = new Map<string, { account: ProviderAccount; items: Action[] }>()
    for (const a of actions) {
      if (a.kind === 'goal') continue
      const entry = byAccount.get(a.account.id) ?? { account: a.account, items: [] }
      entry.items.push(a)
      byAccount.set(a.account.id, entry)
    }
    for (const { account, items } of byAccount.values())
      for (let i = 0; i < items.length; i += BATCH)
        track(post(account, items.slice(i, i + BATCH), now))
  }

  function track(promise: Promise<void>): void {
    posting.add(promise)
    void promise.finally(() => posting.delete(promise))
  }

  async function post(account: ProviderAccount, items: Action[], now: number): Promise<void> {
    const base = deps.callbackBase()
    if (!base) return
    const body = JSON.stringify(envelope(items, now))
    const signature = createHmac('sha256', account.callbackToken).update(body).digest('hex')
    try {
      await fetch(urlOn(base, callbackPathOf(account.id, account.callbackToken)), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${signature}`
        },
        body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(15_000)])
      })
    } catch (err) {
      if (!closing.signal.aborted) log('sandbox: callback POST failed', err)
    }
  }

  return {
    type: 'sandbox',
    send: (account, request) => send(account, request),
    verifyCallback: (account, raw) => verifyMetaSignature(account.callbackToken, raw),
    parseCallback: (_account, raw) => parseMetaCallback(raw),
    async close(): Promise<void> {
      queue.close()
      closing.abort()
      await Promise.allSettled([...posting])
    }
  }
}

function goalDelay(latencyMs: number): number {
  return Math.round(latencyMs * (2 + Math.random() * 4))
}

function goalEvent(
  contactId: number,
  goal: NonNullable<CampaignDraft['conversion']>
): Omit<ContactEventInsert, 'at'> {
  const revenue = Math.round(199 + Math.random() * 2800)
  return {
    contactId,
    event: goal.event,
    revenue,
    properties: goal.revenueProperty ? { [goal.revenueProperty]: String(revenue) } : {},
    source: 'sandbox'
  }
}

/** A Meta `whatsapp_business_account` notification carrying statuses and/or inbound messages. */
function envelope(items: Action[], now: number) {
  const timestamp = String(Math.floor(now / 1000))
  const statuses = items.flatMap((a) =>
    a.kind !== 'status'
      ? []
      : [
          {
            id: a.wamid,
            status: a.status,
            timestamp,
            recipient_id: a.to,
            biz_opaque_callback_data: a.ourId,
            ...(a.failure
              ? {
                  errors: [
                    {
                      code: a.failure.code,
                      title: a.failure.title,
                      message: a.failure.title,
                      error_data: { details: a.failure.details },
                      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/'
                    }
                  ]
                }
              : {})
          }
        ]
  )
  const replies = items.flatMap((a) => (a.kind === 'reply' ? [a] : []))
  const clicks = items.flatMap((a) => (a.kind === 'click' ? [userActionItem(a.click)] : []))
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: BUSINESS_NUMBER, phone_number_id: SANDBOX_PHONE_NUMBER_ID }
  }
  if (statuses.length) value.statuses = statuses
  if (clicks.length) value.user_actions = clicks
  if (replies.length) {
    value.contacts = replies.map((r) => ({ profile: { name: 'Sandbox user' }, wa_id: r.to }))
    value.messages = replies.map((r) => ({
      from: r.to,
      id: `wamid.${randomBytes(18).toString('base64url')}`,
      timestamp,
      type: 'text',
      text: { body: r.text },
      context: { from: BUSINESS_NUMBER, id: r.wamid }
    }))
  }
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'sandbox-waba', changes: [{ field: 'messages', value }] }]
  }
}
