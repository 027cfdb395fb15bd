import { tolerant } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'
import { getJsonRecord } from '../lookup'
import { baseUrlOf, getRequest } from '../request'
import type { ProviderAccount } from '../providerAccounts'
import type { LostSend, ProviderRecord } from '../types'
import { parseReport } from './callbacks'
import { infobipAuth } from './send'

/** Message ids per logs request (the filter repeats; kept well under any URL length limit). */
const IDS_PER_CALL = 50

/**
 * Infobip's WhatsApp message logs, `GET /whatsapp/2/logs?messageId=…` (repeatable), answer
 * `{results: [...]}` whose entries have the shape of a delivery report (messageId, to, sentAt,
 * doneAt, status, error). Logs are kept 48 hours and, unlike the reports pull, reading them does
 * not consume them. We send with our own id as Infobip's `messageId` (send.ts), so a lost send is
 * found by our id alone. Infobip's own page for the WhatsApp logs was not in the corpus: the path
 * follows public clients of it, the contract follows Infobip's logs for its other channels
 * (https://www.infobip.com/docs/api/channels/email/get-email-message-logs), the entry shape its
 * delivery reports (https://www.infobip.com/docs/api/channels/whatsapp/whatsapp-message-status-reports/receive-whatsapp-delivery-reports).
 */
export async function findLostInfobipSends(
  account: ProviderAccount,
  sends: LostSend[],
  signal: AbortSignal
): Promise<Map<string, ProviderRecord[]>> {
  const url = `${baseUrlOf(account.config, '')}/whatsapp/2/logs`
  const headers = infobipAuth(account.config)
  const found = new Map<string, ProviderRecord[]>(sends.map((s) => [s.ourId, []]))
  for (let i = 0; i < sends.length; i += IDS_PER_CALL) {
    const query = new URLSearchParams()
    for (const send of sends.slice(i, i + IDS_PER_CALL)) query.append('messageId', send.ourId)
    query.set('limit', String(IDS_PER_CALL))
    const request = getRequest(`${url}?${query.toString()}`, headers)
    const json = await getJsonRecord(request, signal, 'Infobip')
    const results = pick(json, 'results')
    for (const result of Array.isArray(results) ? results : []) {
      const id = stringOrNull(pick(result, 'messageId'))
      const records = id ? found.get(id) : undefined
      if (!id || !records) continue
      const event = tolerant(result, parseReport)
      records.push({ providerMessageId: id, status: event.kind === 'status' ? event : null })
    }
  }
  return found
}
