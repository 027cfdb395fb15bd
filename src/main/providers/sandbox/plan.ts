/** Sandbox behaviour knobs (provider config) with their defaults. */
export interface SandboxRates {
  deliveredRate: number
  readRate: number
  replyRate: number
  failedRate: number
  latencyMs: number
}

export function ratesOf(config: Record<string, unknown>): SandboxRates {
  const num = (key: string, fallback: number): number =>
    typeof config[key] === 'number' ? (config[key] as number) : fallback
  return {
    deliveredRate: num('deliveredRate', 0.92),
    readRate: num('readRate', 0.6),
    replyRate: num('replyRate', 0.05),
    failedRate: num('failedRate', 0.05),
    latencyMs: num('latencyMs', 3000)
  }
}

/** Real Meta delivery failure codes (providers.md §1.9) the Sandbox reports. */
export const FAILURES: { code: number; title: string; details: string }[] = [
  {
    code: 131026,
    title: 'Message undeliverable',
    details: 'Message Undeliverable: the number is not on WhatsApp or the app is too old.'
  },
  {
    code: 131049,
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    details:
      'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.'
  },
  {
    code: 131047,
    title: 'Re-engagement message',
    details: 'More than 24 hours have passed since the recipient last replied to the sender number.'
  },
  {
    code: 131053,
    title: 'Media upload error',
    details: 'Unable to upload the media used in the message.'
  },
  {
    code: 130472,
    title: "User's number is part of an experiment",
    details: "Failed to send message because this user's phone number is part of an experiment."
  }
]

export const REPLIES = [
  'Yes, interested!',
  'Tell me more',
  'Thanks 🙏',
  'STOP',
  'Is this still valid?'
]

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed'

export interface PlannedStatus {
  status: StatusName
  after: number
  failure?: (typeof FAILURES)[number]
}

export interface MessagePlan {
  statuses: PlannedStatus[]
  reply: { after: number; text: string } | null
}

/**
 * What will happen to one sandbox message: `sent` soon, then delivered (maybe read, maybe a
 * reply) or failed with a real code, or nothing after `sent` (like a phone that stays offline: the message
 * counts as sent, not as awaiting report), with jittered delays.
 */
export function planMessage(rates: SandboxRates, random: () => number = Math.random): MessagePlan {
  const jitter = (scale: number): number => Math.round(rates.latencyMs * scale * (0.5 + random()))
  const sentAt = jitter(0.3)
  const statuses: PlannedStatus[] = [{ status: 'sent', after: sentAt }]
  let reply: MessagePlan['reply'] = null
  const roll = random()
  if (roll < rates.failedRate) {
    const failure = FAILURES[Math.floor(random() * FAILURES.length)]!
    statuses.push({ status: 'failed', after: sentAt + jitter(0.7), failure })
  } else if (roll < rates.failedRate + rates.deliveredRate) {
    const deliveredAt = sentAt + jitter(0.7)
    statuses.push({ status: 'delivered', after: deliveredAt })
    let seenAt = deliveredAt
    if (random() < rates.readRate) {
      seenAt = deliveredAt + jitter(1)
      statuses.push({ status: 'read', after: seenAt })
    }
    if (random() < rates.replyRate)
      reply = {
        after: seenAt + jitter(1),
        text: REPLIES[Math.floor(random() * REPLIES.length)]!
      }
  }
  return { statuses, reply }
}
