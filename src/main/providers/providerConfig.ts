import type { ProviderType } from '../../shared/ipc/routes/providers'

/** Config fields that are credentials: encrypted at rest, masked in every view. */
export const SECRET_FIELDS: Record<ProviderType, readonly string[]> = {
  meta: ['accessToken', 'appSecret', 'verifyToken'],
  twilio: ['authToken'],
  gupshup: ['apiKey', 'partnerToken'],
  infobip: ['apiKey'],
  sandbox: []
}

/** Default messages/second per provider account when the operator sets none (providers.md §5.1). */
export const DEFAULT_RATE: Record<ProviderType, number> = {
  meta: 80,
  twilio: 80,
  gupshup: 20,
  infobip: 50,
  sandbox: 50
}

export function splitConfig(
  type: ProviderType,
  config: Record<string, unknown>
): { publicConfig: Record<string, unknown>; secretConfig: Record<string, string> } {
  const secretNames = SECRET_FIELDS[type]
  const publicConfig: Record<string, unknown> = {}
  const secretConfig: Record<string, string> = {}
  for (const [key, value] of Object.entries(config)) {
    if (secretNames.includes(key)) secretConfig[key] = String(value)
    else publicConfig[key] = value
  }
  return { publicConfig, secretConfig }
}

export function maskSecret(value: string): string {
  return value.length <= 8 ? '••••' : `••••${value.slice(-4)}`
}
