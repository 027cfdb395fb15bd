import { createHmac } from 'node:crypto'

export interface Signed {
  body: string
  headers: Record<string, string>
}

/**
 * Signed Meta `delivered` callbacks, one per message (a unique wamid per request), built before
 * the run so the load generator spends its time sending, not hashing.
 */
export function signAll(appSecret: string, ids: string[], phones: string[]): Signed[] {
  return ids.map((id, i) => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                statuses: [
                  {
                    id,
                    status: 'delivered',
                    timestamp: String(1793520000 + i),
                    recipient_id: phones[i]
                  }
                ]
              }
            }
          ]
        }
      ]
    })
    const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`
    return {
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }
    }
  })
}
