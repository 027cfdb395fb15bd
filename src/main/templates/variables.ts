import type {
  HeaderFormat,
  TemplateComponents,
  TemplateVariable
} from '../../shared/ipc/routes/templates'

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g

/** Distinct `{{1}}` / `{{first_name}}` names in a text, in order of first use. */
export function variableNames(text: string | null | undefined): string[] {
  if (!text) return []
  const seen: string[] = []
  for (const m of text.matchAll(VARIABLE)) if (!seen.includes(m[1]!)) seen.push(m[1]!)
  return seen
}

/** Positional when every variable is a number, named otherwise (Meta's `parameter_format`). */
export function parameterFormatOf(components: TemplateComponents): 'positional' | 'named' {
  const names = [...variableNames(components.header?.text), ...variableNames(components.body)]
  return names.some((n) => !/^\d+$/.test(n)) ? 'named' : 'positional'
}

const byNumber = (a: string, b: string): number =>
  /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : 0

/**
 * The values a send must fill, in the one order every adapter and the message row use: header
 * (text variable or media URL), body variables (positional by number, named by first use), then
 * each dynamic button (URL suffix, copy code) by button index.
 */
export function variablesOf(
  components: TemplateComponents,
  examples: Record<string, string> = {}
): TemplateVariable[] {
  const out: TemplateVariable[] = []
  const add = (v: TemplateVariable) => {
    const example = examples[v.key]
    out.push(example === undefined ? v : { ...v, example })
  }
  const header = components.header
  if (header?.format === 'text')
    for (const name of variableNames(header.text))
      add({ key: `header.${name}`, component: 'header', name, kind: 'text' })
  else if (header && isMedia(header.format))
    add({ key: 'header.media', component: 'header', name: 'media', kind: 'media' })
  for (const name of variableNames(components.body).sort(byNumber))
    add({ key: `body.${name}`, component: 'body', name, kind: 'text' })
  components.buttons.forEach((button, index) => {
    const name = String(index)
    if (button.type === 'url' && variableNames(button.url).length)
      add({ key: `button.${name}`, component: 'button', name, kind: 'url_suffix' })
    else if (button.type === 'copy_code')
      add({ key: `button.${name}`, component: 'button', name, kind: 'copy_code' })
  })
  return out
}

export const isMedia = (format: HeaderFormat): boolean =>
  format === 'image' || format === 'video' || format === 'document'
