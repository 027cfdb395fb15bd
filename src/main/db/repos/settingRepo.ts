import type { Db } from '../openDb'

/**
 * The `setting` table: small per-install values by key (secrets made on first use, the tunnel's
 * wishes, opt-out keywords, markers). Its only writer; modules keep their own keys.
 */
export function createSettingRepo(db: Db) {
  const get = db.prepare<[string], string>('SELECT value FROM setting WHERE key = ?').pluck()
  const put = db.prepare<[string, string]>(
    'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
  )
  const putIfAbsent = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)'
  )
  const remove = db.prepare<[string]>('DELETE FROM setting WHERE key = ?')
  const markOnce = db.transaction((key: string, value: string, work: () => void): boolean => {
    if (get.get(key) !== undefined) return false
    work()
    put.run(key, value)
    return true
  })
  return {
    get: (key: string): string | null => get.get(key) ?? null,
    set: (key: string, value: string): void => void put.run(key, value),
    delete: (key: string): void => void remove.run(key),
    /**
     * Runs `work` and stores the key in one transaction, unless the key is there already (then
     * false): what must happen once per data file, such as the first run's seed.
     */
    markOnce: (key: string, value: string, work: () => void): boolean => markOnce(key, value, work),
    /** The key's value, made and stored on first use (if two make it at once, the first kept wins). */
    once(key: string, make: () => string): string {
      const existing = get.get(key)
      if (existing !== undefined) return existing
      putIfAbsent.run(key, make())
      return get.get(key)!
    }
  }
}
export type SettingRepo = ReturnType<typeof createSettingRepo>
