import { pick, stringOrNull } from '../../http/json'
import { getRecord, type LookupRef, type LookupResult } from '../lookup'
import { toE164 } from '../normalize'
import type { ProviderAccount } from '../providerAccounts'
import { baseUrlOf, getRequest } from '../request'
import type { StatusEvent } from '../types'
import { TWILIO_STATUS } from './callbacks'
import { TWILIO_BASE_URL, twilioAuth } from './send'

/** RFC 2822 dates of the Message resource (`Tue, 01 Dec 2026 10:00:00 +0000`); null when absent. */
function dateOf(value: unknown): number | null {
  const text = stringOrNull(value)
  const at = text ? Date.parse(text) : Number.NaN
  return Number.isNaN(at) ? null : at
}

/**
 * The Message resource of a message still awaiting a report:
 * `GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}.json`, Basic auth
 * (https://www.twilio.com/docs/messaging/api/message-resource#fetch-a-message-resource). Its
 * `status` maps as a status callback's would (queued/sending: nothing yet); `error_code` and
 * `error_message` come with failed/undelivered. The resource has no time per status: the state's
 * time is `date_updated` (when it last changed), `sent` uses `date_sent`.
 * Without a MessageSid (the send's answer never came) there is nothing to fetch by id.
 */
export async function lookupTwilioMessage(
  account: ProviderAccount,
  ref: LookupRef,
  signal: AbortSignal
): Promise<LookupResult> {
  if (!ref.providerMessageId) return { kind: 'not_found' }
  const config = account.config
  const sid = encodeURIComponent(String(config.accountSid ?? ''))
  const url = `${baseUrlOf(config, TWILIO_BASE_URL)}/2010-04-01/Accounts/${sid}/Messages/${encodeURIComponent(ref.providerMessageId)}.json`
  const answer = await getRecord(getRequest(url, twilioAuth(config)), signal)
  if (answer.kind !== 'response') return answer
  const value = stringOrNull(pick(answer.json, 'status')) ?? ''
  const status = Object.hasOwn(TWILIO_STATUS, value) ? TWILIO_STATUS[value] : null
  if (!status) return { kind: 'found', events: [] }
  const updated = dateOf(pick(answer.json, 'date_updated'))
  const sentAt = dateOf(pick(answer.json, 'date_sent'))
  const at = (status === 'sent' ? (sentAt ?? updated) : (updated ?? sentAt)) ?? ref.sentAt
  const event: StatusEvent = {
    kind: 'status',
    providerMessageId: ref.providerMessageId,
    ourId: ref.ourId,
    status,
    at,
    recipient: toE164(pick(answer.json, 'to'))
  }
  const code = stringOrNull(pick(answer.json, 'error_code'))
  const message = stringOrNull(pick(answer.json, 'error_message'))
  if (code) event.errorCode = code
  if (message) event.errorTitle = message
  return { kind: 'found', events: [event] }
}
