import { performance } from 'node:perf_hooks'
import { makeProbe, PROBE_HEADER } from '../callbacks/probe'

export type ProbeResult =
  { ok: true; roundTripMs: number } | { ok: false; roundTripMs: number | null; error: string }

/**
 * POSTs a signed probe to `url` (a `/hooks/...` URL, public or loopback) and checks that the
 * callback server echoes the nonce: proof that the whole path, tunnel included, reaches us.
 */
export async function sendProbe(
  url: string,
  secret: string,
  timeoutMs: number
): Promise<ProbeResult> {
  const { body, signature, nonce } = makeProbe(secret)
  const started = performance.now()
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10
  let res: Response
  let text: string
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PROBE_HEADER]: signature,
        // localtunnel.me shows browsers a reminder page; a probe must reach the app itself.
        'bypass-tunnel-reminder': '1',
        'user-agent': 'Tickboard-probe'
      },
      body,
      signal: AbortSignal.timeout(timeoutMs)
    })
    text = await res.text()
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    if (e.name === 'TimeoutError')
      return { ok: false, roundTripMs: null, error: `no answer within ${timeoutMs} ms` }
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    return {
      ok: false,
      roundTripMs: null,
      error: `unreachable (${cause?.code ?? cause?.message ?? e.message})`
    }
  }
  const roundTripMs = elapsed()
  if (res.status !== 200) return { ok: false, roundTripMs, error: explainStatus(res.status) }
  let echoed: unknown
  try {
    echoed = (JSON.parse(text) as { probe?: unknown }).probe
  } catch {
    echoed = undefined
  }
  if (echoed !== nonce)
    return {
      ok: false,
      roundTripMs,
      error:
        'answered 200 without our probe nonce: the URL reaches something other than this Tickboard'
    }
  return { ok: true, roundTripMs }
}

function explainStatus(status: number): string {
  switch (status) {
    case 401:
      return 'HTTP 401: the callback server refused the probe signature (or a tunnel password page answered)'
    case 404:
      return 'HTTP 404: the path is not served (unknown tunnel or unknown callback path)'
    case 502:
    case 503:
    case 504:
      return `HTTP ${status}: the tunnel server could not reach this computer (tunnel unavailable)`
    default:
      return `HTTP ${status}`
  }
}
