import type { TemplateButton, TemplateComponents } from '../../shared/ipc/routes/templates'
import { pick, stringOrNull } from '../http/json'
import { buttonTypeOf } from './buttons'
import { headerFormatOf, metaStyleIdentity, syncedTemplate } from './syncedTemplate'
import type { SyncedTemplate } from './types'

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const upper = (value: unknown): string | null => stringOrNull(value)?.toUpperCase() ?? null

/**
 * Meta's template object (Graph `message_templates`, 360dialog's `waba_templates`, the Sandbox)
 * in our vocabulary. Unknown component and button types are kept as `other`, never dropped
 * silently, so the preview still shows a button the operator will see on the phone.
 */
export function fromMetaTemplate(raw: unknown): SyncedTemplate | null {
  const identity = metaStyleIdentity(raw)
  if (!identity) return null
  const components: TemplateComponents = { header: null, body: '', footer: null, buttons: [] }
  const examples: Record<string, string> = {}
  for (const c of list(pick(raw, 'components'))) {
    const type = upper(pick(c, 'type'))
    if (type === 'HEADER') {
      const format = headerFormatOf(pick(c, 'format')) ?? 'text'
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
  const quality = pick(raw, 'quality_score')
  return syncedTemplate({
    ...identity,
    // `{score: "GREEN"}` in Graph answers; some relays send the bare word.
    quality: pick(quality, 'score') ?? (typeof quality === 'string' ? quality : null),
    statusReason: stringOrNull(pick(raw, 'rejected_reason')),
    components,
    examples,
    parameterFormat: declared === 'named' || declared === 'positional' ? declared : null
  })
}
