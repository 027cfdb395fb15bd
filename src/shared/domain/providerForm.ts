import type { ProviderType } from '../ipc/routes/providers'

/** One config field of a provider form: what it is and where the operator finds it. */
export interface FieldSpec {
  name: string
  label: string
  help: string
  kind?: 'text' | 'number' | 'select'
  options?: { value: string; label: string }[]
  secret?: boolean
  required?: boolean
  placeholder?: string
}

/** 360dialog's Cloud API (docs.360dialog.com/docs/whatsapp-api/the-basics). */
export const D360_BASE_URL = 'https://waba-v2.360dialog.io'

/** Form choices: 360dialog is the Meta format with its own auth header and base URL. */
export type ProviderKind = ProviderType | '360dialog'

export const KIND_LABELS: Record<ProviderKind, string> = {
  meta: 'Meta WhatsApp Cloud API',
  '360dialog': '360dialog',
  twilio: 'Twilio',
  gupshup: 'Gupshup',
  infobip: 'Infobip',
  sandbox: 'Sandbox (simulated, no messages leave)'
}

const rate: FieldSpec = {
  name: 'ratePerSecond',
  label: 'Messages per second',
  help: 'Sending speed for this account. Leave empty for the provider default.',
  kind: 'number'
}
const baseUrl = (placeholder: string): FieldSpec => ({
  name: 'baseUrl',
  label: 'Base URL',
  help: 'Only for a proxy or test server; leave empty for the provider.',
  placeholder
})
const ratio = (name: string, label: string): FieldSpec => ({
  name,
  label,
  help: 'A share between 0 and 1.',
  kind: 'number'
})

const META_FIELDS: FieldSpec[] = [
  {
    name: 'phoneNumberId',
    label: 'Phone number ID',
    help: 'App Dashboard → WhatsApp → API Setup → Phone number ID (digits, not the phone number).',
    required: true
  },
  {
    name: 'wabaId',
    label: 'WhatsApp Business Account ID',
    help: 'Business Manager → WhatsApp accounts → the account ID. Lets Tickboard list your approved templates.'
  },
  {
    name: 'accessToken',
    label: 'Access token',
    help: 'A permanent system-user token with whatsapp_business_messaging.',
    secret: true,
    required: true
  },
  {
    name: 'appSecret',
    label: 'App secret',
    help: 'App Dashboard → App settings → Basic. Checks the X-Hub-Signature-256 of every callback.',
    secret: true,
    required: true
  },
  {
    name: 'verifyToken',
    label: 'Verify token',
    help: 'Any string you choose; enter the same one next to the callback URL in the App Dashboard.',
    secret: true,
    required: true
  },
  {
    name: 'apiVersion',
    label: 'Graph API version',
    help: 'Like v21.0. Leave empty for the default.',
    placeholder: 'v21.0'
  },
  baseUrl('https://graph.facebook.com'),
  rate
]

export const FIELDS: Record<ProviderKind, FieldSpec[]> = {
  meta: META_FIELDS,
  // 360dialog's own words: one API key per channel (phone number) from the Client Hub, sent as
  // D360-API-KEY to https://waba-v2.360dialog.io (docs.360dialog.com/docs/hub/api-key,
  // docs.360dialog.com/docs/whatsapp-api/the-basics). No phone number ID, app secret or verify
  // token: the key names the number, and 360dialog neither signs webhooks for direct clients nor
  // sends Meta's verification GET (providers.md §5).
  '360dialog': [
    {
      name: 'accessToken',
      label: 'API key',
      help: '360dialog Client Hub (app.360dialog.com) → Channels → your number → Generate API key. One key per channel (phone number); it is shown once, and generating a new one revokes the old. Sent as the D360-API-KEY header.',
      secret: true,
      required: true
    },
    {
      name: 'baseUrl',
      label: 'API base URL',
      help: '360dialog’s Cloud API. Change it only for a proxy or a test server.',
      placeholder: D360_BASE_URL
    },
    rate
  ],
  twilio: [
    {
      name: 'accountSid',
      label: 'Account SID',
      help: 'Console → Account info: AC followed by 32 hex digits.',
      required: true,
      placeholder: 'AC…'
    },
    {
      name: 'authToken',
      label: 'Auth token',
      help: 'Console → Account info. Also checks X-Twilio-Signature on callbacks.',
      secret: true,
      required: true
    },
    {
      name: 'from',
      label: 'Sender',
      help: 'Your WhatsApp sender, like whatsapp:+14155238886.',
      required: true,
      placeholder: 'whatsapp:+…'
    },
    baseUrl('https://api.twilio.com'),
    rate
  ],
  gupshup: [
    {
      name: 'apiKey',
      label: 'API key',
      help: 'Gupshup dashboard → profile.',
      secret: true,
      required: true
    },
    {
      name: 'source',
      label: 'Source number',
      help: 'The registered WhatsApp number, digits only.',
      required: true
    },
    {
      name: 'appName',
      label: 'App name',
      help: 'The Gupshup app this number belongs to.',
      required: true
    },
    {
      name: 'appId',
      label: 'App ID (optional)',
      help: 'Lists your approved templates; with a partner app token, Tickboard also sets the app callback URL for you.'
    },
    {
      name: 'partnerToken',
      label: 'Partner app token (optional)',
      help: 'Gupshup Partner API token of this app; without it you set the callback URL by hand.',
      secret: true
    },
    baseUrl('https://api.gupshup.io'),
    rate
  ],
  infobip: [
    {
      name: 'apiKey',
      label: 'API key',
      help: 'Infobip portal → API keys.',
      secret: true,
      required: true
    },
    {
      name: 'baseUrl',
      label: 'Base URL',
      help: 'Your personal base URL from the Infobip portal.',
      required: true,
      placeholder: 'https://xxxxx.api.infobip.com'
    },
    { name: 'from', label: 'Sender', help: 'Your WhatsApp sender number.', required: true },
    rate
  ],
  sandbox: [
    ratio('deliveredRate', 'Delivered share'),
    ratio('readRate', 'Read share'),
    ratio('replyRate', 'Reply share'),
    ratio('failedRate', 'Failed share'),
    {
      name: 'latencyMs',
      label: 'Latency (ms)',
      help: 'Simulated provider latency.',
      kind: 'number'
    },
    rate
  ]
}

/** The form kind of a stored provider (a Meta account with the D360 scheme is 360dialog). */
export function kindOf(type: ProviderType, config: Record<string, unknown>): ProviderKind {
  return type === 'meta' && config.authScheme === 'd360' ? '360dialog' : type
}

/** Form values → the `config` the API expects: numbers parsed, empty optional fields left out. */
export function toConfig(
  kind: ProviderKind,
  values: Record<string, string>
): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const field of FIELDS[kind]) {
    const raw = (values[field.name] ?? '').trim()
    if (raw === '') continue
    config[field.name] = field.kind === 'number' && !Number.isNaN(Number(raw)) ? Number(raw) : raw
  }
  if (kind === '360dialog') {
    config.authScheme = 'd360'
    config.baseUrl ??= D360_BASE_URL
  }
  return config
}

export function typeOf(kind: ProviderKind): ProviderType {
  return kind === '360dialog' ? 'meta' : kind
}

/** Field → message from an `invalid_input` answer (zod issues under `config.<field>` or `name`). */
export type FieldErrors = Record<string, string>

/** Each field's first message, from the readable issues the engine answers with. */
export function fieldErrors(details: unknown): FieldErrors {
  const out: FieldErrors = {}
  if (!Array.isArray(details)) return out
  for (const issue of details as { path?: unknown[]; message?: string }[]) {
    const path = (issue.path ?? []).map(String)
    const field = path[0] === 'config' ? path[1] : path[0]
    if (field && issue.message && !out[field]) out[field] = issue.message
  }
  return out
}
