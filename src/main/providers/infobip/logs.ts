import { tolerant } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import type { CallBudget, RateLimit } from '../callBudget'
import { UNLIMITED } from '../callBudget'
import { getRecord, type LookupFailure, type LookupRef } from '../lookup'
import { baseUrlOf, getRequest } from '../request'
import type { ProviderAccount } from '../providerAccounts'
import type { BatchLookupResult, LostSend, ProviderRecord, StatusEvent } from '../types'
import { parseReport } from './callbacks'
import { infobipAuth } from './send'

/**
 * Infobip's logs endpoints allow 120 requests a minute per account and take `messageId` as
 * comma-separated values of at most 2,048 characters, `limit` ≤ 1,000, logs of the last 48 hours
 * (the Messenger logs page, https://www.infobip.com/docs/api/channels/messenger/get-outbound-messenger-message-logs;
 * the WhatsApp logs page itself was not in the corpus).
 */
export const INFOBIP_LOGS_LIMIT: RateLimit = { calls: 120, perMs: 60_000 }
const MAX_IDS_CHARS = 2048
const LOGS_KEPT_MS = 48 * 3600_000
const MAX_IDS_PER_CALL = 100

/** Ids in groups whose comma-joined form fits the documented 2,048 characters. */
function idGroups(ids: string[]): string[][] {
  const groups: string[][] = []
  let group: string[] = []
  let chars = 0
  for (const id of ids) {
    const extra = (group.length ? 1 : 0) + encodeURIComponent(id).length
    if (group.length && (chars + extra > MAX_IDS_CHARS || group.length >= MAX_IDS_PER_CALL)) {
      groups.push(group)
      group = []
      chars = 0
    }
    chars += group.length ? extra : encodeURIComponent(id).length
    group.push(id)
  }
  if (group.length) groups.push(group)
  return groups
}

/**
 * Infobip's WhatsApp message logs, `GET /whatsapp/2/logs?messageId=a,b,…&limit=…`, answer
 * `{results: [...]}` whose entries have the shape of a delivery report (messageId, to, sentAt,
 * doneAt, status, error) — https://www.infobip.com/docs/api/channels/whatsapp/whatsapp-message-status-reports/receive-whatsapp-delivery-reports.
 * Unlike the delivery-report pull (`/whatsapp/1/reports`, each report returned only once, as the
 * SMS pull documents: https://infobip.com/docs/api/channels/sms/logs-and-status-reports/get-outbound-sms-message-delivery-reports),
 * reading logs consumes nothing, so a second look or a report arriving later is never lost.
 * Answers each id's entries, or why the provider could not be asked.
 */
async function queryLogs(
  account: ProviderAccount,
  ids: string[],
  signal: AbortSignal,
  budget: CallBudget
): Promise<Map<string, unknown[]> | LookupFailure> {
  const url = `${baseUrlOf(account.config, '')}/whatsapp/2/logs`
  const headers = infobipAuth(account.config)
  const found = new Map<string, unknown[]>(ids.map((id) => [id, []]))
  const groups = idGroups(ids)
  const wait = budget.take(groups.length)
  if (wait > 0)
    return {
      kind: 'rate_limited',
      detail: `Infobip allows ${INFOBIP_LOGS_LIMIT.calls} log requests a minute; asked again in ${Math.ceil(wait / 1000)} s.`,
      retryAfterMs: wait
    }
  for (const group of groups) {
    const query = new URLSearchParams({ messageId: group.join(','), limit: String(group.length) })
    const answer = await getRecord(getRequest(`${url}?${query.toString()}`, headers), signal)
    if (answer.kind === 'not_found') continue
    if (answer.kind !== 'response') return answer
    const results = pick(answer.json, 'results')
    for (const result of Array.isArray(results) ? results : []) {
      const id = stringOrNull(pick(result, 'messageId'))
      if (id) found.get(id)?.push(result)
    }
  }
  return found
}

const statusOf = (entry: unknown): StatusEvent | null => {
  const event = tolerant(entry, parseReport)
  return event.kind === 'status' ? event : null
}

/**
 * Lost sends (outcome unknown) looked up by our id, which is Infobip's `messageId` (send.ts).
 * Throws when Infobip cannot be asked now; dispatch/lostSends asks again later.
 */
export async function findLostInfobipSends(
  account: ProviderAccount,
  sends: LostSend[],
  signal: AbortSignal
): Promise<Map<string, ProviderRecord[]>> {
  const found = await queryLogs(
    account,
    sends.map((s) => s.ourId),
    signal,
    UNLIMITED
  )
  if (!(found instanceof Map)) throw new Error(`Infobip lookup ${found.kind}: ${found.detail}`)
  const records = new Map<string, ProviderRecord[]>()
  for (const [id, entries] of found)
    records.set(
      id,
      entries.map((e) => ({ providerMessageId: id, status: statusOf(e) }))
    )
  return records
}

/**
 * Messages still awaiting a report, looked up in the logs in groups. PENDING is where every
 * accepted message starts, not a report, so only a later state (delivered, undeliverable,
 * expired, rejected) fills one. Logs older than 48 hours are gone: those messages stay awaiting.
 */
export async function lookupInfobipMessages(
  account: ProviderAccount,
  refs: LookupRef[],
  signal: AbortSignal,
  budget: CallBudget,
  now: number
): Promise<BatchLookupResult> {
  const idOf = (ref: LookupRef) => ref.providerMessageId ?? ref.ourId
  // Older messages are no longer in the logs: asking about them would only spend the limit.
  const since = now - LOGS_KEPT_MS
  const recent = refs.filter((ref) => ref.sentAt >= since)
  if (recent.length === 0) return { kind: 'found', records: 0, events: [] }
  const found = await queryLogs(account, recent.map(idOf), signal, budget)
  if (!(found instanceof Map)) return found
  const events: StatusEvent[] = []
  let records = 0
  for (const ref of recent) {
    const entries = found.get(idOf(ref)) ?? []
    if (entries.length) records++
    for (const entry of entries) {
      const event = statusOf(entry)
      if (event && event.status !== 'sent') events.push({ ...event, ourId: ref.ourId })
    }
  }
  return { kind: 'found', records, events }
}
