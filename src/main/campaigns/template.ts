/** A contact as templates and audience filters see it. */
export interface TemplateContact {
  phone: string
  name: string | null
  properties: Record<string, string>
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g

/** Distinct `{{property}}` names used by a template's parameters, in order of first use. */
export function placeholdersOf(params: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const param of params) for (const m of param.matchAll(PLACEHOLDER)) seen.add(m[1]!)
  return [...seen]
}

/** The value of one placeholder for a contact; null when missing or blank (never an empty string). */
export function valueOf(contact: TemplateContact, property: string): string | null {
  let value: string | null | undefined
  if (property === 'phone') value = contact.phone
  else if (property === 'name') value = contact.name
  else value = contact.properties[property]
  if (value === undefined || value === null) return null
  const text = String(value)
  return text.trim() === '' ? null : text
}

export type FillResult = { ok: true; params: string[] } | { ok: false; missing: string[] }

/** Fills every placeholder from the contact; a missing one makes the whole message invalid. */
export function fillParams(params: readonly string[], contact: TemplateContact): FillResult {
  const missing = new Set<string>()
  const filled = params.map((param) =>
    param.replace(PLACEHOLDER, (_all, property: string) => {
      const value = valueOf(contact, property)
      if (value === null) {
        missing.add(property)
        return ''
      }
      return value
    })
  )
  if (missing.size) return { ok: false, missing: [...missing] }
  return { ok: true, params: filled }
}
