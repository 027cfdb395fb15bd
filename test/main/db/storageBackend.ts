import { openDb, type Db } from '../../../src/main/db/openDb'

/**
 * A storage backend as the repository suites see it (README, "Storage backends"): `open` gives a
 * fresh, migrated, empty store of the repositories `R`; `close` releases it.
 */
export interface BackendOf<R> {
  name: string
  open(): { repos: R; close(): void }
}

/** Wraps a test body so it runs on a freshly opened store, released afterwards, pass or fail. */
export function withStoreOf<R>(backend: BackendOf<R>) {
  return (test: (repos: R) => void) => () => {
    const store = backend.open()
    try {
      test(store.repos)
    } finally {
      store.close()
    }
  }
}

/**
 * Today's backend: a real SQLite file through openDb (migrations applied), as the engine opens
 * it, in a fresh folder of `tempDir`; `build` makes the repositories over the connection.
 */
export function sqliteBackend<R>(tempDir: () => string, build: (db: Db) => R): BackendOf<R> {
  return {
    name: 'SQLite',
    open() {
      const db = openDb(tempDir())
      return { repos: build(db), close: () => db.close() }
    }
  }
}
