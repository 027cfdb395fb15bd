import type { ProviderInput } from '../../../shared/ipc/routes/providers'

/**
 * The one built-in Sandbox account: the first run of the app or `serve` and `npm run demo` each
 * make it only when the data folder has no Sandbox yet, in whichever order they ran.
 */
export const BUILT_IN_SANDBOX: ProviderInput = {
  type: 'sandbox',
  name: 'Sandbox (built in)',
  config: {}
}

/** The Sandbox already in the folder (the oldest, if an older version made two), or none. */
export function existingSandboxId(
  accounts: readonly { id: string; type: string }[]
): string | null {
  return accounts.find((a) => a.type === 'sandbox')?.id ?? null
}
