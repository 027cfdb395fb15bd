/**
 * Faithful local fakes of the WhatsApp providers, for contract and dispatch tests.
 *
 *   const fake = await startFake('meta', { latencyMs: 50 })     // or 'twilio' | 'gupshup' | 'infobip'
 *   const account = fake.account()          // a ProviderAccount whose baseUrl is the fake
 *   fake.script('+15551234567', { kind: 'http', status: 429, retryAfter: '2' }, 1)  // next request only
 *   fake.script('+15551234568', { kind: 'drop' })                 // every request: socket destroyed
 *   fake.script('+15551234569', { kind: 'slow', ms: 500 })        // answers late (still accepted)
 *   fake.setLatency(50)                                          // every answer
 *   fake.requests   // AcceptedRequest[]: to, ourId, callbackUrl, template, raw body, headers
 *   fake.attempts   // every request with its status (401, 429, 'dropped', 200, …)
 *   const calls = fake.render([{ kind: 'status', id, status: 'delivered' }], { batch: true })
 *   await fake.emit(events, { url: hookUrl, duplicate: true, reverse: true })
 *   await fake.close()
 *
 * Servers bind 127.0.0.1 on port 0. Each checks auth and the request shape as the real API does
 * and answers with the provider's own success and error bodies. Callbacks are rendered in the
 * provider's own format and vocabulary (Meta 'read', Twilio 'undelivered', Gupshup 'enqueued',
 * Infobip 'DELIVERED' / 'SEEN'), signed as the provider signs (Meta HMAC-SHA256 over the raw
 * body, Twilio HMAC-SHA1 over URL + sorted fields; Gupshup and Infobip do not sign). Statuses of
 * accepted messages take the recipient, our echoed id and (Twilio, Infobip) the per-message
 * callback URL from the recorded request. `toRaw(rendered)` gives the adapter's RawCallback.
 */
import { startGupshupFake, type GupshupFakeOptions } from './gupshup'
import { startInfobipFake, type InfobipFakeOptions } from './infobip'
import { startMetaFake, type MetaFakeOptions } from './meta'
import { startTwilioFake, type TwilioFakeOptions } from './twilio'

export interface FakeOptionsByType {
  meta: MetaFakeOptions
  twilio: TwilioFakeOptions
  gupshup: GupshupFakeOptions
  infobip: InfobipFakeOptions
}
export interface FakeByType {
  meta: Awaited<ReturnType<typeof startMetaFake>>
  twilio: Awaited<ReturnType<typeof startTwilioFake>>
  gupshup: Awaited<ReturnType<typeof startGupshupFake>>
  infobip: Awaited<ReturnType<typeof startInfobipFake>>
}
export type FakeType = keyof FakeByType
export type AnyFake = FakeByType[FakeType]

const starters: { [T in FakeType]: (options?: FakeOptionsByType[T]) => Promise<FakeByType[T]> } = {
  meta: startMetaFake,
  twilio: startTwilioFake,
  gupshup: startGupshupFake,
  infobip: startInfobipFake
}

export function startFake<T extends FakeType>(
  type: T,
  options: FakeOptionsByType[T] = {}
): Promise<FakeByType[T]> {
  return starters[type](options)
}

export {
  rawBody,
  toRaw,
  type EmitOptions,
  type FakeEvent,
  type RenderedCallback
} from './callbacks'
export type { AcceptedRequest, Attempt, Fault } from './server'
export { metaSignature, metaJson, twilioSignature } from './signing'
