import type { Db } from '../openDb'
import { nameWords } from './contactNameWords'

/**
 * What an operator's search text in the error drill-down asks for. Text made of digits (with
 * the '+', spaces, dashes, dots and brackets people type in numbers) is a phone number: with '+'
 * it is the start of the E.164 number, without it any part of it (so "9172" finds +9172…, and a
 * national number finds its international form). Any other text is words of the name, in any
 * order and any case, each the start of a word of the name ("pat" finds "Asha Patel", "as pa"
 * too), except a single Latin (or other cased) letter, which is a whole word, an initial: "k"
 * finds "Asha K"; as a start it would match a quarter of all contacts and find no one.
 */
export type SearchText =
  /** `digits`: the number's digits as typed; `international`: typed with '+' (its start). */
  | { kind: 'phone'; like: string; digits: string; international: boolean }
  /** `range`: index range of the most selective word; `others`: the rest, checked on the name. */
  | { kind: 'name'; range: [from: string, to: string]; others: string[] }
  /** Nothing searchable (only punctuation): matches no one. */
  | { kind: 'nothing' }

const PHONE_TEXT = /^[\d\s().+-]*\d[\d\s().+-]*$/

export function parseSearchText(text: string): SearchText {
  const trimmed = text.trim()
  if (PHONE_TEXT.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '')
    const international = trimmed.replace(/[\s()]/g, '').startsWith('+')
    return {
      kind: 'phone',
      like: international ? `+${digits}%` : `%${digits}%`,
      digits,
      international
    }
  }
  // The longest word narrows the most: it is looked up in the index, the others on the names.
  const [first, ...others] = nameWords(trimmed).sort((a, b) => b.length - a.length)
  if (first === undefined) return { kind: 'nothing' }
  // Strings starting with `first` sort from `first` up to `first` + the last code point; a
  // whole word is exactly `first`, i.e. below `first` + NUL.
  const to = isWholeWord(first) ? `${first}\u0000` : `${first}\u{10ffff}`
  return { kind: 'name', range: [first, to], others }
}

/**
 * A single letter of a cased alphabet (Latin, Greek, Cyrillic …) is an initial; one Chinese
 * character is a surname and one Devanagari letter a syllable, so those stay starts of words.
 */
const isWholeWord = (word: string): boolean =>
  [...word].length === 1 && word.toUpperCase() !== word.toLowerCase()

/** Whether a name has a word for each of `words` (see `parseSearchText`). */
export function nameHasWords(name: string | null, words: string[]): boolean {
  if (words.length === 0) return true
  if (!name) return false
  const own = nameWords(name)
  return words.every((w) => own.some((o) => (isWholeWord(w) ? o === w : o.startsWith(w))))
}

/**
 * The names in `name_word` with a word in `range` (a search's most selective word, see
 * searchText.ts) that also have each of `others`: the one lookup of names by search words, for
 * the Contacts page and the drill-down alike. Sorted (binary order).
 */
export function createNamesWithWords(db: Db) {
  const inRange = db
    .prepare<[string, string], string>(
      'SELECT DISTINCT name FROM name_word WHERE word >= ? AND word < ? ORDER BY name'
    )
    .pluck()
  return (range: [string, string], others: string[]): string[] =>
    inRange.all(range[0], range[1]).filter((n) => nameHasWords(n, others))
}
