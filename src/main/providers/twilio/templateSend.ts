import type { SendRequest } from '../types'

/**
 * Twilio `ContentVariables`: every value keyed by its variable's own name (`{"1": …}` or
 * `{"first_name": …}`), header media and URL suffixes included: Twilio fills them in the content.
 */
export function twilioContentVariables(template: SendRequest['template']): Record<string, string> {
  const { layout, params } = template
  if (!layout) return Object.fromEntries(params.map((p, i) => [String(i + 1), p]))
  return Object.fromEntries(layout.variables.map((v, i) => [v.name, params[i] ?? '']))
}
