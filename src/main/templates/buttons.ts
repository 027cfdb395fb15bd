import type { TemplateButton } from '../../shared/ipc/routes/templates'
import { pick, stringOrNull } from '../http/json'

const BUTTON_TYPES: Record<string, TemplateButton['type']> = {
  QUICK_REPLY: 'quick_reply',
  URL: 'url',
  PHONE_NUMBER: 'phone_number',
  COPY_CODE: 'copy_code'
}

/** A provider's button type (any case) in our vocabulary; `fallback` for one we don't know. */
export function buttonTypeOf(
  type: unknown,
  fallback: TemplateButton['type'] = 'other'
): TemplateButton['type'] {
  return BUTTON_TYPES[String(type ?? '').toUpperCase()] ?? fallback
}

/** A button listed as `{type, text, url}` (Gupshup's and Infobip's template lists). */
export function plainButton(raw: unknown): TemplateButton {
  const button: TemplateButton = {
    type: buttonTypeOf(pick(raw, 'type')),
    text: stringOrNull(pick(raw, 'text')) ?? ''
  }
  const url = stringOrNull(pick(raw, 'url'))
  if (url) button.url = url
  return button
}
