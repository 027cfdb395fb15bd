import { openDb, type Db } from './openDb'
import { createCampaignRepo, type CampaignRepo } from './repos/campaignRepo'
import { createContactRepo, type ContactRepo } from './repos/contactRepo'
import { createEventRepo, type EventRepo } from './repos/eventRepo'
import { createMessageRepo, type MessageRepo } from './repos/messageRepo'
import { createProviderRepo, type ProviderRepo } from './repos/providerRepo'
import { createStatsRebuild, type StatsRebuild } from './repos/statsCounterRepo'

/**
 * What a bulk load of a finished campaign writes through (the demo generator): each table's own
 * repository, IMMEDIATE transactions, and the connection's bulk-load settings.
 */
export interface DemoStore {
  campaigns: Pick<CampaignRepo, 'insertCompleted'>
  providers: Pick<ProviderRepo, 'oldestOfType' | 'insert'>
  contacts: Pick<ContactRepo, 'bulkLoad'>
  messages: Pick<MessageRepo, 'finishedWriter'>
  events: Pick<EventRepo, 'bulkWriter'>
  stats: Pick<StatsRebuild, 'suspend' | 'countLoad' | 'step'>
  /** Makes the built-in Sandbox account when there is none (the engine's provider accounts). */
  createSandbox?: (now: number) => string
  /**
   * `fn` as one IMMEDIATE transaction: beside a running engine a batch that read first could not
   * write after its commit.
   */
  immediate<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R
  /** Runs `fn` with the bulk-load settings of the connection, restored after. */
  bulkSettings<R>(fn: () => R): R
}

export type DemoRepos = Pick<
  DemoStore,
  'campaigns' | 'providers' | 'contacts' | 'messages' | 'events' | 'stats' | 'createSandbox'
>

const BULK_CACHE_KIB = 256 * 1024

/**
 * The demo generator's store on a connection its caller owns (the CLI, tests): every repository
 * built here, once. Beside a running engine use `demoStoreWith` and the engine's own.
 */
export function createDemoStore(db: Db): DemoStore {
  return demoStoreWith(db, {
    campaigns: createCampaignRepo(db),
    providers: createProviderRepo(db),
    contacts: createContactRepo(db),
    messages: createMessageRepo(db),
    events: createEventRepo(db),
    stats: createStatsRebuild(db)
  })
}

/**
 * The demo generator's store over repositories the caller built (the engine's, each built once):
 * every one is given, so nothing here builds a second writer beside the engine's.
 */
export function demoStoreWith(db: Db, repos: DemoRepos): DemoStore {
  return {
    ...repos,
    immediate<A extends unknown[], R>(fn: (...args: A) => R) {
      const tx = db.transaction(fn)
      return (...args: A): R => tx.immediate(...args)
    },
    bulkSettings<R>(fn: () => R): R {
      // Statement journals in memory (a temp file costs ~6 writes per row) and a page cache big
      // enough to hold the index B-trees.
      const cacheSize = db.pragma('cache_size', { simple: true }) as number
      const tempStore = db.pragma('temp_store', { simple: true }) as number
      db.pragma(`cache_size = ${-BULK_CACHE_KIB}`)
      db.pragma('temp_store = MEMORY')
      // Every row references rows the load itself wrote, so foreign-key lookups add nothing.
      const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
      db.pragma('foreign_keys = OFF')
      try {
        return fn()
      } finally {
        db.pragma(`cache_size = ${cacheSize}`)
        db.pragma(`temp_store = ${tempStore}`)
        db.pragma(`foreign_keys = ${foreignKeys}`)
      }
    }
  }
}

/**
 * `npm run demo`'s data file: opened for a bulk load, in rollback-journal mode when it has the file
 * to itself (`shared: false`), back to WAL when closed.
 */
export function openDemoFile(dataDir: string): {
  store: DemoStore
  shared: boolean
  close(): void
} {
  const db = openDb(dataDir)
  let shared: boolean
  try {
    shared = !useRollbackJournal(db)
  } catch (err) {
    db.close()
    throw err
  }
  return {
    store: createDemoStore(db),
    shared,
    close() {
      try {
        if (!shared) db.pragma('journal_mode = WAL')
      } finally {
        db.close()
      }
    }
  }
}

/**
 * A bulk load in WAL mode writes every page twice (log, then database): 1.6 GB for 665 MB at 1M
 * recipients, and on a real disk (not the benchmark's tmpfs) the kernel makes the writer wait for
 * that writeback. A rollback journal only keeps the few pre-existing pages a load changes, so the
 * load writes each page about once and stays just as crash-safe. That needs the data file to
 * itself: while the app or `serve` has it open, SQLite refuses the switch (SQLITE_BUSY) and the
 * load stays in WAL mode. False then.
 */
function useRollbackJournal(db: Db): boolean {
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) === 'delete'
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false
    throw err
  }
}
