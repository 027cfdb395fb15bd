import { slotsOf } from '../../templates/sendLayout'
import type { SendRequest } from '../types'

/**
 * Gupshup's `template` field (`{id, params}`: body values then dynamic button values, in order)
 * and, for a media header, its `message` field (`{type, image|video|document: {link}}`).
 */
export function gupshupTemplateFields(template: SendRequest['template']): {
  template: string
  message?: string
} {
  const { layout, params } = template
  const values = [
    ...slotsOf(layout, params, 'body'),
    ...slotsOf(layout, params, 'button'),
    ...(layout?.headerFormat === 'text' ? slotsOf(layout, params, 'header') : [])
  ].map((s) => s.value)
  const media = layout?.headerFormat && layout.headerFormat !== 'text' ? layout.headerFormat : null
  const link = media ? slotsOf(layout, params, 'header')[0]?.value : undefined
  return {
    template: JSON.stringify({ id: template.name, params: values }),
    ...(media && link ? { message: JSON.stringify({ type: media, [media]: { link } }) } : {})
  }
}
