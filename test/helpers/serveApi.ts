import type { Input, Output, Route } from '../../src/shared/ipc/contract'

/** Calls routes of a running `serve` over its HTTP API, as the automation clients of spec §8 do. */
export function serveApi(apiBase: string, token: string) {
  return async <R extends Route>(route: R, input: Input<R>): Promise<Output<R>> => {
    const res = await fetch(`${apiBase}/api/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input)
    })
    if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`)
    return (await res.json()) as Output<R>
  }
}
