import type { Db } from '../openDb'

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/**
 * The words of a name as the search index (`name_word`, migration 0116) holds them and a
 * search looks them up: split at anything that is not a letter, digit or combining mark (marks
 * stay inside words, so Devanagari or Arabic words stay whole), Latin/Greek/Cyrillic accents
 * removed (José = jose), lower-cased in every script (Ирина = ирина), without duplicates.
 */
export function nameWords(text: string): string[] {
  // Printable ASCII has nothing to decompose and only A-Z to fold: ~7x faster, and most names.
  const words = PRINTABLE_ASCII.test(text)
    ? text.toLowerCase().split(/[^a-z0-9]+/)
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .normalize('NFC')
        .split(/[^\p{L}\p{N}\p{M}]+/u)
  const found = words.filter(Boolean)
  return found.length < 2 ? found : [...new Set(found)]
}

/** Distinct names per transaction when an existing data file's names are indexed. */
const BACKFILL_PAGE = 10_000

/**
 * Keeps `name_word` (migration 0116) holding the words of every contact name; used only by the
 * contact repository, in the transaction that writes the contact.
 */
export function createNameWords(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO name_word (word, name) VALUES (?, ?)')
  /** Indexes a contact's name (once per distinct name text; later calls cost one lookup). */
  return function indexName(name: string | null): void {
    if (!name) return
    const [first, ...others] = nameWords(name)
    // A name's words are written together, in one transaction: if its first word is there,
    // all of them are.
    if (first === undefined || insert.run(first, name).changes === 0) return
    for (const word of others) insert.run(word, name)
  }
}

/**
 * Indexes the names of the contacts a data file had before migration 0116, in pages of distinct
 * names, each page moving that migration's marker in its transaction (a crash resumes where it
 * stopped). Runs in openDb, before anything is served; a no-op once the marker is gone.
 */
export function indexExistingContactNames(db: Db): void {
  const marker = db.prepare<[], string>('SELECT after_name FROM name_word_backfill').pluck()
  if (marker.get() === undefined) return
  const indexName = createNameWords(db)
  const page = db
    .prepare<[string, number], string>(
      'SELECT DISTINCT name FROM contact WHERE name > ? ORDER BY name LIMIT ?'
    )
    .pluck()
  const move = db.prepare('UPDATE name_word_backfill SET after_name = ?')
  const done = db.prepare('DELETE FROM name_word_backfill')
  const indexPage = db.transaction((): boolean => {
    const names = page.all(marker.get()!, BACKFILL_PAGE)
    for (const name of names) indexName(name)
    if (names.length < BACKFILL_PAGE) {
      done.run()
      return true
    }
    move.run(names[names.length - 1]!)
    return false
  })
  while (!indexPage());
}
