import { pick, stringOrNull } from '../../http/json'
import { toE164 } from '../normalize'
import { getJsonRecord } from '../lookup'
import { baseUrlOf, getRequest } from '../request'
import type { ProviderAccount } from '../providerAccounts'
import type { LostSend, ProviderRecord, StatusEvent } from '../types'
import { TWILIO_STATUS } from './callbacks'
import { TWILIO_BASE_URL, twilioAuth } from './send'

/**
 * A message created up to this long before its answer was lost may still be it: the request's
 * own deadline (15 s) and clocks that differ between us and Twilio.
 */
const CLOCK_SLACK_MS = 5 * 60_000
/** A recipient rarely gets more than a few messages a day from one sender; one page is plenty. */
const PAGE_SIZE = 50
const CONCURRENT = 4

const whatsapp = (address: string): string =>
  address.startsWith('whatsapp:') ? address : `whatsapp:${address}`

/**
 * Twilio keeps every Message it created: the Messages list filtered by `To`, `From` and
 * `DateSent>=` (a GMT day) finds a send whose answer we lost
 * (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources:
 * filters To, From, DateSent with `<=`/`>=` on whole GMT days, newest first, PageSize ≤ 1000).
 * The candidates are outbound messages created after the attempt (less clock slack); the caller
 * takes one only when exactly one is not already another message of ours.
 */
export async function findLostTwilioSends(
  account: ProviderAccount,
  sends: LostSend[],
  signal: AbortSignal
): Promise<Map<string, ProviderRecord[]>> {
  const config = account.config
  const sid = encodeURIComponent(String(config.accountSid ?? ''))
  const base = `${baseUrlOf(config, TWILIO_BASE_URL)}/2010-04-01/Accounts/${sid}/Messages.json`
  const headers = twilioAuth(config)
  const found = new Map<string, ProviderRecord[]>()
  async function lookUp(send: LostSend): Promise<void> {
    const since = send.attemptAt - CLOCK_SLACK_MS
    const query = new URLSearchParams({
      To: whatsapp(send.to),
      From: whatsapp(String(config.from ?? '')),
      'DateSent>': new Date(since).toISOString().slice(0, 10),
      PageSize: String(PAGE_SIZE)
    })
    const url = `${base}?${query.toString()}`
    const json = await getJsonRecord(getRequest(url, headers), signal, 'Twilio')
    const messages = pick(json, 'messages')
    const records: ProviderRecord[] = []
    for (const m of Array.isArray(messages) ? messages : []) {
      const created = Date.parse(stringOrNull(pick(m, 'date_created')) ?? '')
      const id = stringOrNull(pick(m, 'sid'))
      const direction = stringOrNull(pick(m, 'direction')) ?? ''
      if (!id || Number.isNaN(created) || created < since) continue
      if (!direction.startsWith('outbound')) continue
      records.push({ providerMessageId: id, status: statusOf(m, id, send.ourId) })
    }
    found.set(send.ourId, records)
  }
  // A few requests at once: one per lost send, well under Twilio's concurrency limits.
  for (let i = 0; i < sends.length; i += CONCURRENT)
    await Promise.all(sends.slice(i, i + CONCURRENT).map(lookUp))
  return found
}

/** A Message resource's `status` as the status a callback would have carried, if it says one. */
function statusOf(message: unknown, sid: string, ourId: string | null): StatusEvent | null {
  const raw = stringOrNull(pick(message, 'status')) ?? ''
  const status = Object.hasOwn(TWILIO_STATUS, raw) ? TWILIO_STATUS[raw] : null
  if (!status) return null
  const updated = Date.parse(stringOrNull(pick(message, 'date_updated')) ?? '')
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: sid,
    ourId,
    status,
    at: Number.isNaN(updated) ? Date.now() : updated,
    recipient: toE164(pick(message, 'to'))
  }
  const code = stringOrNull(pick(message, 'error_code'))
  const title = stringOrNull(pick(message, 'error_message'))
  if (code) event.errorCode = code
  if (title) event.errorTitle = title
  return event
}
