// Provider answers are read leniently: a field missing or of another type is absent, never a crash.

/** A provider's answer body as JSON, or undefined when it is empty or not JSON (HTML error pages). */
export function jsonOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

export function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string' && value) return value
  if (typeof value === 'number') return String(value)
  return null
}

/** Looks up a nested value without trusting the shape of a provider's JSON. */
export function pick(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}
