import type { z } from 'zod'

/**
 * Input problems in words an operator reads (the API's `invalid_input` message and each field of a
 * form): zod's own texts ("Too small: expected string to have >=1 characters") name its types, not
 * the field's rule. An unknown field says where it belongs when the same name exists elsewhere in
 * the route's input (`ratePerSecond: not a field of providers.create; did you mean
 * config.ratePerSecond?`), since a misplaced field used to be dropped without a word.
 */
export interface InputIssue {
  code: string
  path: PropertyKey[]
  message: string
  keys?: string[]
  minimum?: unknown
  maximum?: unknown
  origin?: unknown
  inclusive?: unknown
  expected?: unknown
  format?: unknown
  values?: unknown
}

type Schema = z.core.$ZodType
type Def = Record<string, unknown> & { type: string }

const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def

/** The schemas a wrapper, union or pipe stands for, with the path step each adds. */
function children(def: Def): [PropertyKey | null, Schema][] {
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, Schema>)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return [[null, def.innerType as Schema]]
    case 'pipe':
      return [
        [null, def.in as Schema],
        [null, def.out as Schema]
      ]
    case 'union':
      return (def.options as Schema[]).map((o) => [null, o])
    case 'intersection':
      return [
        [null, def.left as Schema],
        [null, def.right as Schema]
      ]
    case 'array':
      return [[0, def.element as Schema]]
    case 'record':
      return [['*', def.valueType as Schema]]
    case 'tuple':
      return (def.items as Schema[]).map((s, i) => [i, s])
    case 'lazy':
      return [[null, (def.getter as () => Schema)()]]
    default:
      return []
  }
}

/** Every object in a schema with the path that reaches it (`*` for a record's values). */
export function objectsOf(schema: Schema, path: PropertyKey[] = [], seen = new Set<Schema>()) {
  const out: { path: PropertyKey[]; def: Def }[] = []
  if (seen.has(schema)) return out
  seen.add(schema)
  const def = defOf(schema)
  if (def.type === 'object') out.push({ path, def })
  for (const [step, child] of children(def))
    out.push(...objectsOf(child, step === null ? path : [...path, step], seen))
  return out
}

/** Whether an object refuses fields it does not declare (`z.strictObject`). */
export function isStrict(def: Def): boolean {
  const catchall = def.catchall as Schema | undefined
  return !!catchall && defOf(catchall).type === 'never'
}

/** Where a field of this name exists in the schema, as dotted paths. */
function placesOf(schema: Schema, key: string): string[] {
  const places = new Set<string>()
  for (const { path, def } of objectsOf(schema))
    if (Object.prototype.hasOwnProperty.call(def.shape, key))
      places.add([...path, key].map(String).join('.'))
  return [...places]
}

const joinPath = (path: PropertyKey[]): string => path.map(String).join('.')

function unknownField(issue: InputIssue, route: string, schema: Schema | undefined): string[] {
  return (issue.keys ?? []).map((key) => {
    const at = joinPath([...issue.path, key])
    const where = issue.path.length ? `${joinPath(issue.path)} in ${route}` : route
    const elsewhere = schema ? placesOf(schema, key).filter((p) => p !== at) : []
    const hint = elsewhere.length ? `; did you mean ${elsewhere.join(' or ')}?` : ''
    return `${at}: not a field of ${where}${hint}`
  })
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`

/** One issue's rule in words (without its path). */
export function readableRule(issue: InputIssue): string {
  const n = issue.minimum ?? issue.maximum
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? 'required'
        : `must be ${issue.expected === 'array' ? 'a list' : `a ${String(issue.expected)}`}`
    case 'too_small':
      if (issue.origin === 'string')
        return n === 1 ? 'required' : `at least ${plural(Number(n), 'character')}`
      if (issue.origin === 'array') return `at least ${plural(Number(n), 'item')}`
      return issue.inclusive === false ? `must be more than ${n}` : `must be at least ${n}`
    case 'too_big':
      if (issue.origin === 'string') return `at most ${plural(Number(n), 'character')}`
      if (issue.origin === 'array') return `at most ${plural(Number(n), 'item')}`
      return issue.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a web address starting with https:// or http://'
      if (issue.format === 'datetime') return 'must be a date and time like 2026-05-01T09:00:00Z'
      // A schema's own regex message is already written for people; zod's default is not.
      return /^Invalid string/.test(issue.message) ? 'has the wrong form' : issue.message
    case 'invalid_value':
      return `must be one of ${((issue.values as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`
    case 'invalid_union':
      return 'does not match any of the accepted forms'
    case 'not_multiple_of':
      return 'must be a whole number'
    default:
      return issue.message
  }
}

/**
 * Issues with their message rewritten for people; an unknown field becomes one issue per key. The
 * zod fields (`code`, `path`, limits) stay, so a form can place each message by its path.
 */
export function readableIssues(
  issues: readonly InputIssue[],
  route: string,
  schema?: Schema
): InputIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? unknownField(issue, route, schema).map((message, i) => ({
          ...issue,
          path: [...issue.path, issue.keys![i]!],
          keys: [issue.keys![i]!],
          message
        }))
      : [{ ...issue, message: readableRule(issue) }]
  )
}

/** The `invalid_input` message: the first few issues, each with its path. */
export function describeIssues(issues: readonly InputIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) =>
      i.code === 'unrecognized_keys' || !i.path.length
        ? i.message
        : `${joinPath(i.path)}: ${i.message}`
    )
    .join('; ')
}
