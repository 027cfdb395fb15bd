import { seconds } from './callbacks'

/** A click or landing page view webhook of the Marketing Messages API (`user_actions`). */
export interface FakeUserAction {
  action: 'click' | 'landing_page_view'
  clickId?: string
  trackingToken?: string
  component?: 'cta' | 'body'
  productId?: string
  at?: number
}

/**
 * A `user_actions` change as documented (Meta "Tracking click events", "Track landing page
 * views"; corpus m29, m30): metadata and the actions, no user and no message.
 */
export function userActionsEnvelope(
  actions: FakeUserAction[],
  o: { display: string; phoneNumberId: string; wabaId: string }
) {
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: o.display, phone_number_id: o.phoneNumberId },
    user_actions: actions.map((a) => {
      const data: Record<string, unknown> = {}
      if (a.component) data.click_component = a.component
      if (a.productId) data.product_id = a.productId
      if (a.clickId) data.click_id = a.clickId
      if (a.trackingToken) data.tracking_token = a.trackingToken
      return {
        action_type: a.action === 'click' ? 'marketing_messages_link_click' : 'landing_page_view',
        timestamp: seconds(a.at ?? Date.now()),
        marketing_messages_link_click_data: data
      }
    })
  }
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: o.wabaId, changes: [{ field: 'messages', value }] }]
  }
}
