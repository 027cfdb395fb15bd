import { slotsOf } from '../../templates/sendLayout'
import type { SendRequest } from '../types'

type SendTemplate = SendRequest['template']
type Slot = ReturnType<typeof slotsOf>[number]

/**
 * The `template.components` of a Meta send: header (text parameter or media link), body
 * (positional, or named with `parameter_name`), and one `button` component per dynamic button
 * (`url` suffix, `copy_code` coupon). Undefined when the template takes no values.
 */
export function metaSendComponents(template: SendTemplate): unknown[] | undefined {
  const { layout, params } = template
  const text = (s: Slot) =>
    layout?.parameterFormat === 'named'
      ? { type: 'text', parameter_name: s.variable.name, text: s.value }
      : { type: 'text', text: s.value }
  const components: unknown[] = []
  const header = slotsOf(layout, params, 'header')
  const media = layout?.headerFormat && layout.headerFormat !== 'text' ? layout.headerFormat : null
  if (header.length)
    components.push({
      type: 'header',
      parameters: header.map((s) => (media ? { type: media, [media]: { link: s.value } } : text(s)))
    })
  const body = slotsOf(layout, params, 'body')
  if (body.length) components.push({ type: 'body', parameters: body.map(text) })
  for (const s of slotsOf(layout, params, 'button'))
    components.push(
      s.variable.kind === 'copy_code'
        ? {
            type: 'button',
            sub_type: 'copy_code',
            index: s.variable.name,
            parameters: [{ type: 'coupon_code', coupon_code: s.value }]
          }
        : {
            type: 'button',
            sub_type: 'url',
            index: s.variable.name,
            parameters: [{ type: 'text', text: s.value }]
          }
    )
  return components.length ? components : undefined
}
