import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Db } from '../db/openDb'

// Runs in a worker thread with its own connection: a PASSIVE checkpoint never blocks the writer,
// and its page copying and fsync happen off the engine's event loop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file, { nativeBinding: workerData.nativeBinding, timeout: 5000 })
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ ok: true, walPages: r.log, checkpointed: r.checkpointed })
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err && err.message || err) })
  }
}, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

const DEFAULT_AUTOCHECKPOINT = 1000

export interface CheckpointReport {
  ok: boolean
  walPages?: number
  checkpointed?: number
  error?: string
}

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 WAL pages, copying pages and fsyncing the data file right in the callback
 * receiver's hot path (tens to hundreds of ms on a busy disk: the p99 of answers). Here the
 * engine's connection stops auto-checkpointing and a worker thread checkpoints every interval.
 * If the worker cannot start or dies, automatic checkpoints are switched back on: the WAL can
 * never grow without bound.
 */
export function startCheckpointer(
  db: Db,
  options: {
    nativeBinding?: string
    intervalMs?: number
    onReport?: (report: CheckpointReport) => void
    log?: (message: string, err?: unknown) => void
  } = {}
) {
  const restore = (): void => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`)
  }
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: db.name,
        nativeBinding: options.nativeBinding,
        intervalMs: options.intervalMs ?? 1000
      }
    })
  } catch (err) {
    options.log?.('checkpoint worker did not start; SQLite checkpoints automatically', err)
    return { stop: async () => undefined }
  }
  db.pragma('wal_autocheckpoint = 0')
  let stopping = false
  worker.on('message', (report: CheckpointReport) => {
    if (!report.ok) options.log?.(`background checkpoint failed: ${report.error}`)
    options.onReport?.(report)
  })
  worker.on('error', (err) => {
    options.log?.('checkpoint worker failed; SQLite checkpoints automatically again', err)
    restore()
  })
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) restore()
      resolve()
    })
  )
  worker.unref()
  return {
    /** Stops the worker and gives checkpoints back to SQLite (before the engine closes the db). */
    async stop(): Promise<void> {
      stopping = true
      restore()
      worker.postMessage('stop')
      const timeout = setTimeout(() => void worker.terminate(), 5000)
      await exited
      clearTimeout(timeout)
    }
  }
}
