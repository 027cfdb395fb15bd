import type { ConnectionTest } from '../../shared/ipc/routes/providers'
import { stringOrNull } from '../http/json'
import { getRecord } from './lookup'
import { digitsOf } from './normalize'
import type { ProviderAccount } from './providerAccounts'
import { baseUrlOf, getRequest, type HttpRequest } from './request'
import { D360_BASE_URL, META_API_VERSION, META_BASE_URL, metaAuth } from './meta/send'
import { TWILIO_BASE_URL, twilioAuth } from './twilio/send'
import { infobipAuth } from './infobip/send'
import { GUPSHUP_BASE_URL, gupshupAuth } from './gupshup/send'

/** A test gives up after this long: the operator is waiting on a button. */
const TEST_TIMEOUT_MS = 10_000

type Probe = { request: HttpRequest; what: string } | { untestable: string }

const enc = encodeURIComponent

/**
 * The cheapest documented read of each provider that proves the credentials and the sender:
 * - Meta: the phone number node, `GET /{version}/{phone-number-id}?fields=display_phone_number,verified_name`
 *   (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/);
 * - 360dialog: its template list, `GET /v1/configs/templates?limit=1` with `D360-API-KEY`
 *   (https://docs.360dialog.com/docs/resources/templates; the key names the channel);
 * - Twilio: the Account resource, `GET /2010-04-01/Accounts/{AccountSid}.json`
 *   (https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource);
 * - Infobip: the sender's templates, `GET /whatsapp/2/senders/{sender}/templates`
 *   (https://www.infobip.com/docs/api/channels/whatsapp/whatsapp-outbound-messages/get-whatsapp-templates);
 * - Gupshup: the app's templates, `GET /wa/app/{appId}/template` with `apikey`
 *   (https://partner-docs.gupshup.io/reference/gettemplatespaginated); without the app ID no
 *   read with the API key alone is documented that we could confirm, so it is not tested.
 */
function probeOf(account: ProviderAccount): Probe {
  const c = account.config
  switch (account.type) {
    case 'meta': {
      if (c.authScheme === 'd360') {
        const url = `${baseUrlOf(c, D360_BASE_URL)}/v1/configs/templates?limit=1`
        return { request: getRequest(url, metaAuth(c)), what: 'the template list' }
      }
      const version = String(c.apiVersion ?? META_API_VERSION)
      const url = `${baseUrlOf(c, META_BASE_URL)}/${version}/${enc(String(c.phoneNumberId ?? ''))}?fields=display_phone_number,verified_name`
      return { request: getRequest(url, metaAuth(c)), what: 'the phone number' }
    }
    case 'twilio': {
      const url = `${baseUrlOf(c, TWILIO_BASE_URL)}/2010-04-01/Accounts/${enc(String(c.accountSid ?? ''))}.json`
      return { request: getRequest(url, twilioAuth(c)), what: 'the account' }
    }
    case 'infobip': {
      const url = `${baseUrlOf(c, '')}/whatsapp/2/senders/${digitsOf(String(c.from ?? ''))}/templates`
      return { request: getRequest(url, infobipAuth(c)), what: "the sender's templates" }
    }
    case 'gupshup': {
      const appId = stringOrNull(c.appId)
      if (!appId)
        return {
          untestable:
            'Gupshup documents no read with the API key alone; add the App ID to test this account.'
        }
      const url = `${baseUrlOf(c, GUPSHUP_BASE_URL)}/wa/app/${enc(appId)}/template?pageNo=0&pageSize=1`
      return { request: getRequest(url, gupshupAuth(c)), what: "the app's templates" }
    }
    case 'sandbox':
      return { untestable: 'The Sandbox is built in: there is no provider to reach.' }
  }
}

/** The path asked, without the query (no credential is ever in it, but keep the line short). */
const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

/**
 * Reads one cheap record of the provider with the account's credentials; says what failed.
 * `now`: the engine's clock (when it was tested; the engine passes it, tests may leave it out);
 * how long the read took is a timer (performance.now).
 */
export async function testConnection(
  account: ProviderAccount,
  now: () => number = Date.now
): Promise<ConnectionTest> {
  const probe = probeOf(account)
  const at = now()
  const started = performance.now()
  if ('untestable' in probe)
    return { outcome: 'not_tested', detail: probe.untestable, request: null, ms: null, at }
  const request = `GET ${pathOf(probe.request.url)}`
  const signal = AbortSignal.timeout(TEST_TIMEOUT_MS)
  const answer = await getRecord({ ...probe.request, timeoutMs: TEST_TIMEOUT_MS }, signal)
  const ms = Math.round(performance.now() - started)
  if (answer.kind === 'response')
    return { outcome: 'ok', detail: `Read ${probe.what} (HTTP ${answer.status}).`, request, ms, at }
  const detail =
    answer.kind === 'not_found'
      ? `The provider has no such record (HTTP 404): check the ${account.type === 'twilio' ? 'Account SID' : 'sender and IDs'}.`
      : answer.kind === 'refused'
        ? `The credentials were refused (${answer.detail}).`
        : answer.kind === 'rate_limited'
          ? `The provider is limiting requests (${answer.detail}); try again shortly.`
          : /^HTTP 4\d\d/.test(answer.detail)
            ? `The provider refused the request (${answer.detail}): check the account's IDs.`
            : `The provider could not be reached (${answer.detail}).`
  return { outcome: 'failed', detail, request, ms, at }
}
