import type { Audience } from '../../../shared/ipc/routes/campaigns'
import { OPTED_OUT_SQL } from './audienceExclusion'

/**
 * SQL over `contact c` for an audience: valid phones only (E.164 shape), never a contact who
 * stopped marketing messages, plus the operator's property filters evaluated with json_extract
 * (values compared without regard to case). Property names travel as bound JSON paths, so
 * no operator text is ever spliced into SQL.
 */
export function audienceSql(
  audience: Audience | undefined,
  /** `exclude` (every audience): no opted-out contact; `only`: just them (the preview's count). */
  optedOut: 'exclude' | 'only' = 'exclude'
): { where: string; params: string[] } {
  const clauses = [
    `c.phone GLOB '+[1-9]*' AND length(c.phone) BETWEEN 8 AND 16`,
    optedOut === 'exclude' ? `NOT ${OPTED_OUT_SQL}` : OPTED_OUT_SQL
  ]
  const params: string[] = []
  if (audience && 'filter' in audience) {
    for (const f of audience.filter) {
      const value = columnOf(f.property, params)
      const text = `COALESCE(${value}, '')`
      switch (f.op) {
        // Values match whatever their case ("pune" finds Pune), as `contains` always did; SQLite's
        // lower() folds ASCII letters only, so "SÃO" and "são" still differ in their accents.
        case 'eq':
          clauses.push(`lower(${text}) = lower(?)`)
          params.push(f.value ?? '')
          break
        case 'neq':
          clauses.push(`lower(${text}) != lower(?)`)
          params.push(f.value ?? '')
          break
        case 'contains':
          clauses.push(`instr(lower(${text}), lower(?)) > 0`)
          params.push(f.value ?? '')
          break
        case 'exists':
          clauses.push(`trim(${text}) != ''`)
          break
      }
    }
  }
  return { where: clauses.join(' AND '), params }
}

/** `name` and `phone` are columns; anything else is a key of the properties JSON. */
export function columnOf(property: string, params: string[]): string {
  if (property === 'name') return 'c.name'
  if (property === 'phone') return 'c.phone'
  params.push(jsonPath(property))
  return 'json_extract(c.properties, ?)'
}

export function jsonPath(property: string): string {
  return `$."${property.replace(/["\\]/g, '')}"`
}
