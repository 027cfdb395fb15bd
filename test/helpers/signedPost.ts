import type { Input } from '../../src/shared/ipc/contract'
import type { ProviderType } from '../../src/shared/ipc/routes/providers'
import { metaSignature, twilioSignature } from '../fakes/signing'

/** Provider configs for tests; the secrets sign callbacks exactly as each provider does. */
export const CONFIGS = {
  meta: {
    phoneNumberId: '106540352242922',
    accessToken: 'EAAG-test-token',
    appSecret: 'test-app-secret-0123456789',
    verifyToken: 'verify-me-please'
  },
  twilio: {
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    authToken: 'tw-auth-token',
    from: '+15550009999'
  },
  gupshup: { apiKey: 'gs-key', source: '15550009999', appName: 'DemoAPI' },
  infobip: { apiKey: 'ib-key', baseUrl: 'http://127.0.0.1:9', from: '15550009999' }
} satisfies Partial<Record<ProviderType, Record<string, string>>>

export type SignedType = keyof typeof CONFIGS

/** The `providers.create` input for a test provider of this type. */
export const providerInput = (type: SignedType, name: string = type) =>
  ({ type, name, config: CONFIGS[type] }) as Input<'providers.create'>

/**
 * POSTs a callback body to the hooks listener signed as the provider signs it: Meta
 * `X-Hub-Signature-256` over the raw bytes, Twilio `X-Twilio-Signature` over the URL it called
 * plus the sorted form fields; Gupshup and Infobip do not sign (the path token guards them).
 */
export async function postSigned(
  type: SignedType,
  hooksBase: string,
  callbackPath: string,
  body: string
): Promise<number> {
  const url = `${hooksBase}${callbackPath}`
  const headers: Record<string, string> = {}
  if (type === 'meta') {
    headers['content-type'] = 'application/json'
    headers['x-hub-signature-256'] = metaSignature(CONFIGS.meta.appSecret, body)
  } else if (type === 'twilio') {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    const params = Object.fromEntries(new URLSearchParams(body).entries())
    headers['x-twilio-signature'] = twilioSignature(CONFIGS.twilio.authToken, url, params)
  } else headers['content-type'] = 'application/json'
  const res = await fetch(url, { method: 'POST', headers, body })
  await res.arrayBuffer()
  return res.status
}

/**
 * POSTs a Meta-format body to a Sandbox account's callback path, signed as the Sandbox signs:
 * Meta's `X-Hub-Signature-256` with the account's callback token (the path's last part) as the
 * app secret.
 */
export async function postSandboxSigned(
  hooksBase: string,
  callbackPath: string,
  body: string
): Promise<number> {
  const secret = callbackPath.split('/').at(-1)!
  const res = await fetch(`${hooksBase}${callbackPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': metaSignature(secret, body)
    },
    body
  })
  await res.arrayBuffer()
  return res.status
}
