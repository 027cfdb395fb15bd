import type { Db } from '../openDb'

/**
 * The words of a name as the search index (`contact_name_word`, migration 0115) holds them and a
 * search looks them up: split at anything that is not a letter, digit or combining mark (marks
 * stay inside words, so Devanagari or Arabic words stay whole), Latin/Greek/Cyrillic accents
 * removed (José = jose), lower-cased in every script (Ирина = ирина), without duplicates.
 */
export function nameWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .normalize('NFC')
  return [...new Set(folded.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean))]
}

/** Contacts per transaction when an existing data file's names are indexed. */
const BACKFILL_PAGE = 10_000

/** Keeps `contact_name_word` in step with contact names; used only by the contact repository. */
export function createContactNameWords(db: Db) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO contact_name_word (word, contact_id) VALUES (?, ?)'
  )
  const remove = db.prepare('DELETE FROM contact_name_word WHERE word = ? AND contact_id = ?')
  return {
    add(contactId: number, name: string | null): void {
      if (name) for (const word of nameWords(name)) insert.run(word, contactId)
    },
    /** A contact's name changed from `before` to `after`. */
    rename(contactId: number, before: string | null, after: string | null): void {
      if (before === after) return
      const kept = new Set(after ? nameWords(after) : [])
      if (before)
        for (const word of nameWords(before)) if (!kept.has(word)) remove.run(word, contactId)
      for (const word of kept) insert.run(word, contactId)
    }
  }
}

/**
 * Indexes the names of the contacts a data file had before migration 0115, in pages of contact
 * ids, each page moving the marker of that migration in its transaction (a crash resumes where
 * it stopped). Runs in openDb, before anything is served; a no-op once the marker is gone.
 */
export function indexExistingContactNames(db: Db): void {
  const marker = db.prepare<[], number>('SELECT after_id FROM contact_name_word_backfill').pluck()
  if (marker.get() === undefined) return
  const words = createContactNameWords(db)
  const page = db.prepare<[number, number], { id: number; name: string }>(
    'SELECT id, name FROM contact WHERE id > ? AND name IS NOT NULL ORDER BY id LIMIT ?'
  )
  const move = db.prepare('UPDATE contact_name_word_backfill SET after_id = ?')
  const done = db.prepare('DELETE FROM contact_name_word_backfill')
  const indexPage = db.transaction((): boolean => {
    const rows = page.all(marker.get()!, BACKFILL_PAGE)
    for (const r of rows) words.add(r.id, r.name)
    if (rows.length < BACKFILL_PAGE) {
      done.run()
      return true
    }
    move.run(rows[rows.length - 1]!.id)
    return false
  })
  while (!indexPage());
}
