import { createHmac } from 'node:crypto'

/** Meta-format webhook bodies and signatures, exactly as the Cloud API sends them (providers.md §1.4–1.7). */
export interface MetaStatus {
  id: string
  status: 'sent' | 'delivered' | 'read' | 'failed'
  /** Epoch ms; sent as Unix seconds in a string, like Meta. */
  at: number
  recipient: string
  ourId?: string
  error?: { code: number; title: string }
}

export interface MetaInbound {
  id: string
  from: string
  at: number
  text: string
  quotedId?: string
}

const envelope = (value: Record<string, unknown>): string =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550009999', phone_number_id: '106540352242922' },
              ...value
            }
          }
        ]
      }
    ]
  })

export function statusBody(statuses: MetaStatus[]): string {
  return envelope({
    statuses: statuses.map((s) => ({
      id: s.id,
      status: s.status,
      timestamp: String(Math.floor(s.at / 1000)),
      recipient_id: s.recipient.replace('+', ''),
      ...(s.ourId ? { biz_opaque_callback_data: s.ourId } : {}),
      ...(s.error
        ? {
            errors: [
              {
                code: s.error.code,
                title: s.error.title,
                message: s.error.title,
                error_data: { details: s.error.title }
              }
            ]
          }
        : {})
    }))
  })
}

export function inboundBody(messages: MetaInbound[]): string {
  return envelope({
    contacts: messages.map((m) => ({ profile: { name: 'Ana' }, wa_id: m.from.replace('+', '') })),
    messages: messages.map((m) => ({
      from: m.from.replace('+', ''),
      id: m.id,
      timestamp: String(Math.floor(m.at / 1000)),
      type: 'text',
      text: { body: m.text },
      ...(m.quotedId ? { context: { from: '15550009999', id: m.quotedId } } : {})
    }))
  })
}

export const signMeta = (appSecret: string, body: string | Buffer): string =>
  `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`

export const META_CONFIG = {
  phoneNumberId: '106540352242922',
  accessToken: 'EAAG-test-token',
  appSecret: 'test-app-secret-0123456789',
  verifyToken: 'verify-me-please',
  // A dead loopback port, never the real Graph API: the engine registers callback URLs with the
  // provider (issue #15), and tests must not reach the internet.
  baseUrl: 'http://127.0.0.1:9'
}

/** POSTs a signed Meta callback to the hooks listener; returns the HTTP status. */
export async function postMeta(
  hooksBase: string,
  callbackPath: string,
  body: string,
  appSecret = META_CONFIG.appSecret
): Promise<number> {
  const res = await fetch(`${hooksBase}${callbackPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMeta(appSecret, body)
    },
    body
  })
  await res.arrayBuffer()
  return res.status
}

/** Waits until the processor has applied every committed inbox row. */
export async function drained(db: import('../../../src/main/db/openDb').Db, timeoutMs = 10_000) {
  const pending = db.prepare('SELECT COUNT(*) AS n FROM callback_inbox WHERE processed_at IS NULL')
  const until = Date.now() + timeoutMs
  while ((pending.get() as { n: number }).n > 0) {
    if (Date.now() > until) throw new Error('the callback processor did not drain in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
