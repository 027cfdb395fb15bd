/**
 * Formula-injection defence for every exported cell. Spreadsheet apps run a cell as a formula
 * when its text starts with `=`, `+`, `-` or `@` (and tab / carriage return can hide such a
 * start), so text cells starting with one of them get a leading `'`. Real numbers (JS numbers)
 * are written as they are: `-2` stays a number, while the text `-2+3` is neutralised.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export type CellValue = string | number | boolean | null | undefined

export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Turns one value into its CSV text: numbers as numbers, booleans as true/false, null as empty. */
export function toCell(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return neutraliseText(value)
}

/** ISO-8601 UTC time of an epoch-ms value, or empty. */
export function isoTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString()
}
