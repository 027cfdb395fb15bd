import type {
  HeaderFormat,
  TemplateButton,
  TemplateComponents
} from '../../shared/ipc/routes/templates'
import { pick, stringOrNull } from '../providers/json'
import { buttonTypeOf } from './buttons'
import { normaliseCategory } from './category'
import type { SyncedTemplate } from './types'
import { parameterFormatOf, variablesOf } from './variables'

const HEADER_FORMATS: Record<string, HeaderFormat> = {
  TEXT: 'text',
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location'
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const upper = (value: unknown): string | null => stringOrNull(value)?.toUpperCase() ?? null

/**
 * Meta's template object (Graph `message_templates`, 360dialog's `waba_templates`, the Sandbox)
 * in our vocabulary. Unknown component and button types are kept as `other`, never dropped
 * silently, so the preview still shows a button the operator will see on the phone.
 */
export function fromMetaTemplate(raw: unknown): SyncedTemplate | null {
  const name = stringOrNull(pick(raw, 'name'))
  const language = stringOrNull(pick(raw, 'language'))
  if (!name || !language) return null
  const components: TemplateComponents = { header: null, body: '', footer: null, buttons: [] }
  const examples: Record<string, string> = {}
  for (const c of list(pick(raw, 'components'))) {
    const type = upper(pick(c, 'type'))
    if (type === 'HEADER') {
      const format = HEADER_FORMATS[upper(pick(c, 'format')) ?? 'TEXT'] ?? 'text'
      const example =
        stringOrNull(pick(c, 'example', 'header_handle', 0)) ??
        stringOrNull(pick(c, 'example', 'header_text', 0)) ??
        undefined
      components.header = { format, ...(pick(c, 'text') ? { text: String(pick(c, 'text')) } : {}) }
      if (example) {
        components.header.example = example
        examples[format === 'text' ? 'header.1' : 'header.media'] = example
      }
    } else if (type === 'BODY') {
      components.body = stringOrNull(pick(c, 'text')) ?? ''
      const positional = list(pick(c, 'example', 'body_text', 0))
      positional.forEach((e, i) => (examples[`body.${i + 1}`] = String(e)))
      for (const named of list(pick(c, 'example', 'body_text_named_params'))) {
        const param = stringOrNull(pick(named, 'param_name'))
        if (param) examples[`body.${param}`] = String(pick(named, 'example') ?? '')
      }
    } else if (type === 'FOOTER') {
      components.footer = stringOrNull(pick(c, 'text'))
    } else if (type === 'BUTTONS') {
      for (const b of list(pick(c, 'buttons'))) {
        const buttonType = buttonTypeOf(pick(b, 'type'))
        const button: TemplateButton = {
          type: buttonType,
          text: stringOrNull(pick(b, 'text')) ?? (buttonType === 'copy_code' ? 'Copy code' : '')
        }
        const url = stringOrNull(pick(b, 'url'))
        if (url) button.url = url
        const phone = stringOrNull(pick(b, 'phone_number'))
        if (phone) button.phone = phone
        const index = components.buttons.length
        const example = stringOrNull(pick(b, 'example', 0)) ?? stringOrNull(pick(b, 'example'))
        if (example) examples[`button.${index}`] = example
        components.buttons.push(button)
      }
    }
  }
  const declared = stringOrNull(pick(raw, 'parameter_format'))?.toLowerCase()
  return {
    name,
    language,
    externalId: stringOrNull(pick(raw, 'id')),
    label: null,
    category: normaliseCategory(pick(raw, 'category')),
    status: upper(pick(raw, 'status')) ?? 'UNKNOWN',
    quality:
      upper(pick(raw, 'quality_score', 'score')) ??
      (typeof pick(raw, 'quality_score') === 'string' ? upper(pick(raw, 'quality_score')) : null),
    parameterFormat:
      declared === 'named' || declared === 'positional' ? declared : parameterFormatOf(components),
    components,
    variables: variablesOf(components, examples),
    statusReason: stringOrNull(pick(raw, 'rejected_reason'))
  }
}
