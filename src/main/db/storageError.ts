/**
 * SQLite refused for a reason outside the statement (busy, locked, disk full, I/O, read-only):
 * the work is fine and must be retried later, never recorded as failed.
 */
export function isStorageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return (
    typeof code === 'string' &&
    /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|NOMEM|PROTOCOL)/.test(code)
  )
}
