import { randomBytes, randomUUID } from 'node:crypto'
import { BUILT_IN_SANDBOX } from '../providers/sandbox/builtIn'
import type { Db } from '../db/openDb'
import { createContactRepo } from '../db/repos/contactRepo'
import { createEventRepo } from '../db/repos/eventRepo'
import { createMessageRepo } from '../db/repos/messageRepo'
import type { EngineContext } from '../engine/context'
import { goalColumns } from '../db/repos/campaignRepo'
import { createStatsRebuild } from '../db/repos/statsCounterRepo'
import { createDemoRows, type DemoRowOptions } from './demoRows'

export interface DemoCampaignOptions extends Partial<DemoRowOptions> {
  recipients: number
  name?: string
  /** Rows per write transaction (default 50,000). */
  rowsPerTransaction?: number
  /** Progress lines (rows written so far). */
  onProgress?: (done: number, total: number) => void
}

export interface DemoCampaign {
  campaignId: string
  providerId: string
  recipients: number
  seconds: number
  /** Of `seconds`, the part spent counting the stats after the rows were written. */
  countSeconds: number
}

const BATCH = 50_000
const NO_PROPERTIES: Record<string, string> = {}
const BULK_CACHE_KIB = 256 * 1024
const MINUTE = 60_000

/**
 * Writes a completed Sandbox campaign with realistic statuses, delays, failures by real Meta codes,
 * replies, a ~10% control group and goal events with revenue (positive lift). The campaign's
 * counters are suspended while rows are written and counted once at the end by the stats rebuild
 * (the same views the triggers use), so the data file is complete when this returns.
 * Accepts a bare database (CLI, tests) or an engine context (provider created through it).
 */
export function generateDemoCampaign(
  target: Db | EngineContext,
  options: DemoCampaignOptions
): DemoCampaign {
  const started = performance.now()
  const db: Db = 'db' in target ? target.db : target
  const now = options.now ?? Date.now()
  const launchedAt = options.launchedAt ?? now - 4 * 24 * 60 * MINUTE
  const providerId = sandboxProvider(target, db, now)
  const campaignId = `demo-${randomUUID()}`
  const draft = {
    name:
      options.name ?? `Demo: Diwali offer (${options.recipients.toLocaleString('en')} recipients)`,
    providerId,
    template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
    audience: { all: true },
    controlGroupPercent: options.controlPercent ?? 10,
    conversion: { event: 'purchase', windowHours: 48, revenueProperty: 'revenue' },
    limit: null,
    ratePerSecond: options.ratePerSecond ?? 200,
    scheduleAt: null
  }
  const rows = createDemoRows({
    ...options,
    campaignId,
    now,
    launchedAt,
    controlPercent: draft.controlGroupPercent,
    ratePerSecond: draft.ratePerSecond,
    seed: options.seed ?? 20261127
  })

  const stats = createStatsRebuild(db)
  db.transaction(() => {
    db.prepare(
      `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, completed_at, qualified, created_at, updated_at,
         goal_event, goal_window_ms, goal_revenue_property)
       VALUES (@id, @name, @providerId, @draft, 'completed', @launchedAt, @completedAt, @qualified, @createdAt, @now,
         @goal_event, @goal_window_ms, @goal_revenue_property)`
    ).run({
      id: campaignId,
      name: draft.name,
      providerId,
      draft: JSON.stringify(draft),
      launchedAt,
      completedAt: rows.completedAt(options.recipients),
      qualified: options.recipients,
      createdAt: launchedAt - 10 * MINUTE,
      now,
      ...goalColumns(draft)
    })
    stats.suspend(campaignId)
  }).immediate()

  // Through the contact writer (which also indexes names for search); a second run into the
  // same data dir finds its contacts by phone instead.
  const contacts = createContactRepo(db)
  const messages = createMessageRepo(db)
  const events = createEventRepo(db)
  const writeBatch = db.transaction((from: number, to: number) => {
    const load = contacts.bulkLoad(now)
    const messageRows = messages.finishedWriter(campaignId)
    const eventRows = events.bulkWriter(now)
    for (let seq = from; seq < to; seq++) {
      const r = rows.row(seq)
      const contactId = load.id(r.phone, r.name, r.properties)
      messageRows.add(contactId, seq, r)
      for (const e of r.events)
        eventRows.add({ contactId, ...e, properties: NO_PROPERTIES, source: 'demo' })
    }
    messageRows.flush()
    eventRows.flush()
    load.done()
  })
  // Bulk-load settings, restored after: statement journals in memory (a temp file costs ~6 writes
  // per row) and a page cache big enough to hold the index B-trees.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number
  const tempStore = db.pragma('temp_store', { simple: true }) as number
  db.pragma(`cache_size = ${-BULK_CACHE_KIB}`)
  db.pragma('temp_store = MEMORY')
  // Every row references rows this function just wrote, so foreign-key lookups add nothing.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  let counting = 0
  try {
    const batch = options.rowsPerTransaction ?? BATCH
    for (let from = 0; from < options.recipients; from += batch) {
      // IMMEDIATE: beside a running engine a batch that read first could not write after its commit.
      writeBatch.immediate(from, Math.min(options.recipients, from + batch))
      options.onProgress?.(Math.min(options.recipients, from + batch), options.recipients)
    }
    counting = performance.now()
    while (!stats.step(campaignId));
  } finally {
    db.pragma(`cache_size = ${cacheSize}`)
    db.pragma(`temp_store = ${tempStore}`)
    db.pragma(`foreign_keys = ${foreignKeys}`)
  }
  return {
    campaignId,
    providerId,
    recipients: options.recipients,
    seconds: (performance.now() - started) / 1000,
    countSeconds: (performance.now() - counting) / 1000
  }
}

function sandboxProvider(target: Db | EngineContext, db: Db, now: number): string {
  const existing = db
    .prepare("SELECT id FROM provider WHERE type = 'sandbox' ORDER BY created_at LIMIT 1")
    .pluck()
    .get() as string | undefined
  if (existing) return existing
  if ('db' in target) return target.providers.create(BUILT_IN_SANDBOX, now).id
  // The Sandbox has no secret fields, so its row needs no encryption (same row providers.create writes).
  const id = randomUUID()
  db.prepare(
    `INSERT INTO provider (id, type, name, public_config, secret_config, callback_token, rate_per_second, created_at, updated_at)
     VALUES (?, 'sandbox', 'Sandbox (built in)', '{}', NULL, ?, 200, ?, ?)`
  ).run(id, randomBytes(24).toString('base64url'), now, now)
  return id
}
