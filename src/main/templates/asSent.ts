import type { TemplateCategory } from './category'
import { snapshotOf, type SnapshotSource, type TemplateSnapshot } from './launch'

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g

export interface TemplateAsSent {
  name: string
  language: string
  label: string | null
  category: TemplateCategory | null
  /** Header, body, footer and buttons with the campaign's mapping in place of each variable. */
  text: string
}

/**
 * The text a launched campaign sent: the template's components with each variable replaced by
 * the campaign's mapping (`{{name}}` stays a placeholder, fixed text is shown as is). Settings,
 * exports and the PDF show it next to the category.
 */
export function textAsSent(snapshot: TemplateSnapshot): string {
  const values = new Map(snapshot.variables.map((v, i) => [v.key, snapshot.values[i] ?? '']))
  const fill = (text: string, component: string) =>
    text.replace(VARIABLE, (whole, name: string) => values.get(`${component}.${name}`) ?? whole)
  const c = snapshot.components
  if (!c) return [snapshot.name, ...snapshot.values].join('\n')
  const lines: string[] = []
  if (c.header?.format === 'text' && c.header.text) lines.push(fill(c.header.text, 'header'))
  else if (c.header) lines.push(`[${c.header.format}: ${values.get('header.media') ?? ''}]`)
  lines.push(fill(c.body, 'body'))
  if (c.footer) lines.push(c.footer)
  c.buttons.forEach((b, i) => {
    const value = values.get(`button.${i}`)
    const url = b.url ? ` → ${b.url.replace(VARIABLE, () => value ?? '')}` : ''
    lines.push(`[${b.type === 'copy_code' ? `${b.text}: ${value ?? ''}` : b.text}${url}]`)
  })
  return lines.join('\n')
}

export function templateAsSent(
  campaigns: SnapshotSource,
  campaignId: string
): TemplateAsSent | null {
  const snapshot = snapshotOf(campaigns, campaignId)
  if (!snapshot) return null
  return {
    name: snapshot.name,
    language: snapshot.language,
    label: snapshot.label,
    category: snapshot.category,
    text: textAsSent(snapshot)
  }
}
