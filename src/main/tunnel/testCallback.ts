import type { Output } from '../../shared/ipc/contract'
import { sendProbe } from './sendProbe'
import { urlOn } from '../http/url'
import { callbackPathOf, type ProviderAccounts } from '../providers/providerAccounts'

/** What a Test callback needs: the account, the probe secret and the listener's addresses. */
export interface TestCallbackDeps {
  providers: Pick<ProviderAccounts, 'get'>
  /** The per-install probe secret (callbacks/probe). */
  secret: string
  publicBase(): string | null
  hooksBase(): string | null
}

/**
 * "Test callback": a signed probe to the provider's own callback path through the PUBLIC URL,
 * so the operator sees exactly what the provider would hit (tunnel, path token, listener).
 * Without a public URL the loopback listener is tested and the answer says providers cannot
 * reach it yet; for the Sandbox (which never leaves this computer) the loopback test is the test.
 */
export async function testCallback(
  deps: TestCallbackDeps,
  providerId: string,
  tunnelUrl: string | null,
  timeoutMs: number
): Promise<Output<'callbacks.test'>> {
  const account = deps.providers.get(providerId)
  const path = callbackPathOf(account.id, account.callbackToken)
  const secret = deps.secret
  const base = deps.publicBase()
  if (base) {
    const url = urlOn(base, path)
    const via = tunnelUrl && base === tunnelUrl ? 'tunnel' : 'public-url'
    const result = await sendProbe(url, secret, timeoutMs)
    return result.ok
      ? { ok: true, roundTripMs: result.roundTripMs, via, url }
      : { ok: false, roundTripMs: result.roundTripMs, via, url, error: result.error }
  }
  const local = deps.hooksBase()
  if (!local)
    return {
      ok: false,
      roundTripMs: null,
      via: 'local',
      error: 'The callback listener is not running yet.'
    }
  const url = `${local}${path}`
  const result = await sendProbe(url, secret, timeoutMs)
  // The Sandbox lives in the engine and reports to it directly: this computer is all it needs.
  if (account.type === 'sandbox')
    return result.ok
      ? { ok: true, roundTripMs: result.roundTripMs, via: 'local', url, localOk: true }
      : { ok: false, roundTripMs: result.roundTripMs, via: 'local', url, error: result.error }
  const listener = result.ok
    ? `The local callback listener answered in ${result.roundTripMs} ms`
    : `The local callback listener failed too (${result.error})`
  return {
    ok: false,
    roundTripMs: result.roundTripMs,
    via: 'local',
    url,
    localOk: result.ok,
    error: `No public URL, so ${account.name} cannot reach this computer. ${listener}. Start the tunnel (or run with --public-url) and test again.`
  }
}
