import { randomBytes } from 'node:crypto'

/** Of the readers of a Marketing Messages API send, this share clicks; most clicks open the page. */
const CLICK_RATE = 0.3
const LANDING_RATE = 0.7

export interface SandboxClick {
  action: 'click' | 'landing_page_view'
  at: number
  wamid: string
  to: string
  clickId: string
  trackingToken: string
  component: 'cta' | 'body'
}

/**
 * The click and landing page view a Sandbox reader of a Marketing Messages API message may make,
 * a little after reading it (nothing when it is never read).
 */
export function planClicks(
  wamid: string,
  to: string,
  readAt: number | null,
  random: () => number = Math.random
): SandboxClick[] {
  if (readAt === null || random() >= CLICK_RATE) return []
  const base = {
    wamid,
    to,
    clickId: `click.${randomBytes(9).toString('base64url')}`,
    trackingToken: `tt.${randomBytes(12).toString('base64url')}`,
    component: random() < 0.6 ? ('cta' as const) : ('body' as const)
  }
  const clickAt = readAt + Math.round(1000 + random() * 4000)
  const clicks: SandboxClick[] = [{ ...base, action: 'click', at: clickAt }]
  if (random() < LANDING_RATE)
    clicks.push({
      ...base,
      action: 'landing_page_view',
      at: clickAt + Math.round(500 + random() * 1500)
    })
  return clicks
}

/**
 * One `user_actions` item exactly as Meta documents it (field `messages`; corpus m29, m30): the
 * action, its time and `marketing_messages_link_click_data`. No user and no message: the
 * Sandbox, like Meta, does not say who clicked which message.
 */
export function userActionItem(c: SandboxClick) {
  const timestamp = String(Math.floor(c.at / 1000))
  const keys = { click_id: c.clickId, tracking_token: c.trackingToken }
  return c.action === 'click'
    ? {
        action_type: 'marketing_messages_link_click',
        timestamp,
        marketing_messages_link_click_data: { click_component: c.component, ...keys }
      }
    : { action_type: 'landing_page_view', timestamp, marketing_messages_link_click_data: keys }
}
