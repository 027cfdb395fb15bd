/**
 * Numbers are E.164: '+' and at most 15 digits (contacts are written only through
 * `normalisePhone`, `toE164` and the demo's numbers), so a number has at most this many characters.
 */
export const LONGEST_NUMBER = 16

/**
 * Where "any part of the number" (`digits` without '+') can be, as index ranges: each string
 * returned is a prefix `P + digits`, and a number contains `digits` exactly when it starts with
 * one of them (P being the characters before the match). Found by a skip scan of a sorted set of
 * numbers (`firstFrom(s)` gives the smallest number ≥ s, or undefined): for each position q, every
 * distinct q-character start P is visited once, with one or two seeks, so the cost follows how
 * many distinct starts the numbers have (a few hundred for one country's numbers), not how many
 * numbers there are. Returns null past `budget` seeks: the caller reads the numbers instead.
 */
export function phonePartPrefixes(
  digits: string,
  firstFrom: (from: string) => string | undefined,
  budget: number
): string[] | null {
  const found: string[] = []
  let seeks = 0
  const seek = (from: string): string | undefined => {
    seeks++
    return firstFrom(from)
  }
  const smallest = seek('')
  for (let q = 0; q + digits.length <= LONGEST_NUMBER; q++) {
    // The smallest number of each q-character start, in order: `first` starts the next one.
    let first = smallest
    while (first !== undefined) {
      if (seeks > budget) return null
      if (first.length < q) {
        // Too short to have a q-character start: the next number decides.
        first = seek(`${first}\u0000`)
        continue
      }
      const start = first.slice(0, q)
      const wanted = start + digits
      // Numbers with this start sort from `first`: `digits` at q is in them iff the first
      // number at or after start + digits still begins with it.
      const at = first >= wanted ? first : seek(wanted)
      if (at !== undefined && at.startsWith(wanted)) found.push(wanted)
      // A number past this start is the smallest of the next one (none between: it came first).
      first = at === undefined || !at.startsWith(start) ? at : seek(`${start}\u{10ffff}`)
    }
  }
  return found
}
