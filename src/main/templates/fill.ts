/** A contact as templates and audience filters see it. */
export interface TemplateContact {
  phone: string
  name: string | null
  properties: Record<string, string>
}

/**
 * `{{property}}` takes a contact property; `{{property|fallback}}` uses the fallback text for a
 * contact whose property is blank, so only placeholders without a fallback can be missing.
 */
const PLACEHOLDER = /\{\{\s*([^{}|]+?)\s*(?:\|([^{}]*))?\}\}/g

/** A template's values: a positional list, or an object keyed by variable name (named templates). */
export type TemplateValues = readonly string[] | Readonly<Record<string, string>>

const valuesOf = (params: TemplateValues): readonly string[] =>
  Array.isArray(params) ? params : Object.values(params)

/**
 * Distinct `{{property}}` names used by a template's values that have no fallback, in order of
 * first use: the ones that make a contact unsendable when blank.
 */
export function placeholdersOf(params: TemplateValues): string[] {
  const seen = new Set<string>()
  for (const param of valuesOf(params))
    for (const m of param.matchAll(PLACEHOLDER)) if (m[2] === undefined) seen.add(m[1]!)
  return [...seen]
}

/** Every `{{property}}` of the values, with or without a fallback, and the fallbacks' texts. */
export function propertiesOf(values: readonly string[]): {
  properties: string[]
  fallbacks: string[]
} {
  const properties = new Set<string>()
  const fallbacks: string[] = []
  for (const value of values)
    for (const m of value.matchAll(PLACEHOLDER)) {
      properties.add(m[1]!)
      if (m[2] !== undefined) fallbacks.push(m[2])
    }
  return { properties: [...properties], fallbacks }
}

/** A value's own text, without its placeholders. */
export const fixedTextOf = (value: string): string => value.replace(PLACEHOLDER, '\u0000')

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

/** Fills one value for a contact; `onMissing` gives the text of a blank placeholder. */
export function fillValue(
  value: string,
  contact: TemplateContact,
  onMissing: (property: string) => string
): string {
  return value.replace(PLACEHOLDER, (_all, property: string, fallback: string | undefined) => {
    const filled = valueOf(contact, property)
    if (filled !== null) return filled
    return fallback !== undefined ? fallback : onMissing(property)
  })
}

/** Fills every placeholder from the contact; a missing one makes the whole message invalid. */
export function fillParams(params: TemplateValues, contact: TemplateContact): FillResult {
  const missing = new Set<string>()
  const filled = valuesOf(params).map((param) =>
    fillValue(param, contact, (property) => {
      missing.add(property)
      return ''
    })
  )
  if (missing.size) return { ok: false, missing: [...missing] }
  return { ok: true, params: filled }
}

/** A contact row of the database as the placeholders see it. */
export interface ContactRow {
  id: number
  phone: string
  name: string | null
  properties: string
}

export function toTemplateContact(row: ContactRow): TemplateContact {
  return {
    phone: row.phone,
    name: row.name,
    properties: JSON.parse(row.properties) as Record<string, string>
  }
}
