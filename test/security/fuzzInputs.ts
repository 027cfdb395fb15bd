import { basename, join } from 'node:path'
import fc from 'fast-check'
import type { z } from 'zod'

/**
 * Generators of hostile route inputs: arbitrary JSON, and objects that carry a route's own field
 * names with wrong, edge or almost-right values (so the fuzz reaches the handlers, not only zod).
 */

/** Field names of an input schema: an object's shape, or every option of a (discriminated) union. */
export function inputKeys(schema: z.ZodType): string[] {
  const s = schema as unknown as { shape?: Record<string, unknown>; options?: z.ZodType[] }
  if (s.shape) return Object.keys(s.shape)
  if (s.options) return [...new Set(s.options.flatMap((o) => inputKeys(o)))]
  return []
}

const edgeStrings = [
  '',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  '../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '💥🧨',
  '\ud800',
  '<script>alert(1)</script>',
  "'; DROP TABLE contact; --",
  '=HYPERLINK("http://x")',
  'day',
  'week',
  'month',
  'csv',
  'pdf',
  'dispatch',
  'delivery',
  'meta',
  'sandbox',
  'Asia/Kolkata',
  'Not/AZone',
  'IN',
  '2026-11-27T01:00:00Z',
  '2026-13-45T99:99:99Z',
  'phone,name\n+919876500001,A\n'
]
const edgeNumbers = [
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e308,
  1764205200000
]

/** A JSON value biased to the edges that break handlers; `ids` are real ids from the engine. */
export function nastyValue(ids: string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.constantFrom(...edgeStrings),
    fc.constantFrom(...edgeNumbers),
    ids.length ? fc.constantFrom(...ids) : fc.constant('x'),
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.string({ minLength: 2000, maxLength: 20_000 }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null)
  )
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), leaf, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
  )
}

/** Arbitrary JSON, or an object using the route's field names with nasty values. */
export function routeInput(schema: z.ZodType, ids: string[]): fc.Arbitrary<unknown> {
  const keys = inputKeys(schema)
  const shaped = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), nastyValue(ids), { maxKeys: keys.length })
    : fc.constant({})
  return fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 3, arbitrary: shaped }
  )
}

/**
 * Keeps the fuzz off the machine and the internet: file paths are confined to `sandboxDir`,
 * tunnel hosts and provider base URLs point at a closed local port.
 */
export function confine(value: unknown, sandboxDir: string): unknown {
  if (Array.isArray(value)) return value.map((v) => confine(v, sandboxDir))
  if (!value || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'path' || key === 'folder') && typeof v === 'string')
      out[key] = join(sandboxDir, basename(v.replace(/\0/g, '')).replace(/^\.+$/, '') || 'x')
    else if (key === 'host' || key === 'baseUrl') out[key] = 'http://127.0.0.1:9'
    else out[key] = confine(v, sandboxDir)
  }
  return out
}

/** Paths to every field of a nested example (objects and array items). */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return []
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value)
  return entries.flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k])])
}

function applyEdit(target: unknown, path: (string | number)[], edit: 'set' | 'delete', v: unknown) {
  let node = target as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (edit === 'delete') delete node[last]
  else node[last] = v
}

/**
 * A valid example with up to two fields replaced by nasty values or deleted: inputs that pass
 * validation often enough to exercise the handlers behind it.
 */
export function mutatedInput(example: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const paths = fieldPaths(example)
  if (!paths.length) return fc.constant(example)
  const edit = fc.record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'),
    value: nastyValue(ids)
  })
  return fc.array(edit, { maxLength: 2 }).map((edits) => {
    const copy = structuredClone(example)
    for (const e of edits) {
      try {
        applyEdit(copy, e.path, e.op, e.value)
      } catch {
        // An earlier edit replaced a parent with a leaf: this edit has nothing to land on.
      }
    }
    return copy
  })
}
