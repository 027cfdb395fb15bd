import { slotsOf } from '../../templates/sendLayout'
import type { SendRequest } from '../types'

/**
 * Infobip `templateData`: `body.placeholders` in order, a `header` (`TEXT` placeholder or
 * `IMAGE`/`VIDEO`/`DOCUMENT` mediaUrl) and `buttons` (`URL` / `COPY_CODE` parameter per
 * dynamic button, in button order).
 */
export function infobipTemplateData(template: SendRequest['template']): Record<string, unknown> {
  const { layout, params } = template
  const data: Record<string, unknown> = {
    body: { placeholders: slotsOf(layout, params, 'body').map((s) => s.value) }
  }
  const header = slotsOf(layout, params, 'header')[0]
  if (header && layout?.headerFormat)
    data.header =
      layout.headerFormat === 'text'
        ? { type: 'TEXT', placeholder: header.value }
        : { type: layout.headerFormat.toUpperCase(), mediaUrl: header.value }
  const buttons = slotsOf(layout, params, 'button')
  if (buttons.length)
    data.buttons = buttons.map((s) => ({
      type: s.variable.kind === 'copy_code' ? 'COPY_CODE' : 'URL',
      parameter: s.value
    }))
  return data
}
