/** Opt-out keywords until the operator edits them in Settings (spec §4, issue #10). */
export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP', 'UNSUBSCRIBE', 'STOP PROMOTIONS'] as const

/** How a user told us they stopped (or resumed) marketing messages. */
export type OptOutSource = 'user_preferences' | 'keyword' | 'error_131050'

export const OPT_OUT_SOURCE_LABEL: Record<OptOutSource, string> = {
  user_preferences: 'Stopped marketing messages in WhatsApp',
  keyword: 'Replied with an opt-out keyword',
  error_131050: 'Meta refused a send: the user had stopped marketing messages (131050)'
}
