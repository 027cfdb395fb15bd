import type { TemplateRef } from '../../shared/ipc/routes/campaigns'
import type { TemplateBubble, TemplateView } from '../../shared/ipc/routes/templates'
import { fillValue, type TemplateContact } from './fill'
import { mappingOf } from './mapping'

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g

/**
 * The message one contact would receive, as a WhatsApp bubble: every variable filled from the
 * draft's mapping (contact property, fallback or fixed text). A value that stays blank shows as
 * `[missing property]` and is listed in `missing`. Without a synced template (free text) the
 * bubble shows the template name and the filled values.
 */
export function renderBubble(
  ref: Pick<TemplateRef, 'name' | 'params' | 'header' | 'buttons'>,
  template: TemplateView | null,
  contact: TemplateContact
): TemplateBubble {
  const missing = new Set<string>()
  const fill = (value: string | undefined, label: string): string => {
    if (value === undefined || value.trim() === '') {
      missing.add(label)
      return `[${label}]`
    }
    return fillValue(value, contact, (property) => {
      missing.add(property)
      return `[missing ${property}]`
    })
  }
  const base = { phone: contact.phone, name: contact.name }
  if (!template) {
    const params = ref.params ?? []
    const values = Array.isArray(params) ? params : Object.values(params)
    return {
      ...base,
      header: null,
      body: [ref.name, ...values.map((v) => fill(v, 'value'))].join('\n'),
      footer: null,
      buttons: [],
      missing: [...missing]
    }
  }
  const values = new Map<string, string>()
  for (const m of mappingOf(ref, template.variables))
    values.set(m.variable.key, fill(m.value, `unmapped ${m.variable.key}`))
  const substitute = (text: string, component: string): string =>
    text.replace(VARIABLE, (whole, name: string) => values.get(`${component}.${name}`) ?? whole)
  const { header, body, footer, buttons } = template.components
  return {
    ...base,
    header: header
      ? header.format === 'text'
        ? { format: 'text', text: substitute(header.text ?? '', 'header'), url: null }
        : {
            format: header.format,
            text: null,
            url: values.get('header.media') ?? header.example ?? null
          }
      : null,
    body: substitute(body, 'body'),
    footer,
    buttons: buttons.map((b, i) => ({
      type: b.type,
      text: b.type === 'copy_code' ? `${b.text}: ${values.get(`button.${i}`) ?? ''}` : b.text,
      url: b.url ? b.url.replace(VARIABLE, () => values.get(`button.${i}`) ?? '') : null
    })),
    missing: [...missing]
  }
}
