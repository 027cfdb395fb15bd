/**
 * What a Marketing Messages API webhook reports a user did: clicked one of its links
 * (`marketing_messages_link_click`) or opened the landing page behind one (`landing_page_view`).
 */
export type MarketingAction = 'click' | 'landing_page_view'
