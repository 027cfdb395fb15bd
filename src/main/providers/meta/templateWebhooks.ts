import { ignored, type CallbackEvent, type TemplateUpdateItem } from '../callbackItems'
import { pick, stringOrNull } from '../../http/json'

/**
 * Meta's WhatsApp Business Account template webhooks (fields of their own, beside `messages`):
 * `message_template_status_update` (`event`: APPROVED, PAUSED, DISABLED, REJECTED, …, with
 * `reason`), `message_template_quality_update` (`previous_quality_score` → `new_quality_score`)
 * and `template_category_update` (`previous_category` → `new_category`). Each becomes one
 * `template` item naming the template by id, name and language. It carries no time: these values
 * have no timestamp of their own (only the envelope's `entry.time`), so the change is applied at
 * the callback's arrival, the inbox row's `received_at` (callbacks/applyTemplateItem).
 */
function template(
  value: unknown,
  change: TemplateUpdateItem['change'],
  next: unknown,
  previous: unknown,
  reason: unknown
): CallbackEvent[] {
  const to = stringOrNull(next)
  const id = stringOrNull(pick(value, 'message_template_id'))
  const name = stringOrNull(pick(value, 'message_template_name'))
  if (!to || (!id && !name)) return [ignored('malformed_item', value, change)]
  return [
    {
      kind: 'template',
      change,
      templateId: id,
      name,
      language: stringOrNull(pick(value, 'message_template_language')),
      value: to.toUpperCase(),
      previous: stringOrNull(previous)?.toUpperCase() ?? null,
      reason: stringOrNull(reason)
    }
  ]
}

export const META_TEMPLATE_FIELDS: Record<string, (value: unknown) => CallbackEvent[]> = {
  message_template_status_update: (v) =>
    template(v, 'status', pick(v, 'event'), null, pick(v, 'reason')),
  message_template_quality_update: (v) =>
    template(v, 'quality', pick(v, 'new_quality_score'), pick(v, 'previous_quality_score'), null),
  template_category_update: (v) =>
    template(v, 'category', pick(v, 'new_category'), pick(v, 'previous_category'), null)
}
