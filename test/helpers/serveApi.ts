import type { Input, Output, Route } from '../../src/shared/ipc/contract'
import { expect } from 'vitest'

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

export type ServeApi = ReturnType<typeof serveApi>

/** The built-in Sandbox account of a `serve`, its templates synced: ready to compose from. */
export async function syncedSandbox(api: ServeApi): Promise<string> {
  const { providers } = await api('providers.list', {})
  const providerId = providers.find((p) => p.type === 'sandbox')!.id
  await api('templates.sync', { providerId })
  return providerId
}

/** Creates and launches a campaign, then waits until it has completed; its id. */
export async function launchToCompletion(
  api: ServeApi,
  draft: Input<'campaigns.create'>
): Promise<string> {
  const { id } = await api('campaigns.create', draft)
  await api('campaigns.launch', { id })
  await expect
    .poll(async () => (await api('campaigns.get', { id })).status, { timeout: 30_000 })
    .toBe('completed')
  return id
}
