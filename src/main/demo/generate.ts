import { randomBytes, randomUUID } from 'node:crypto'
import type { DemoStore } from '../db/demoStore'
import { BULK_ROWS } from '../db/repos/contactRepo'
import { createDemoRows, type DemoRowOptions } from './demoRows'

type DemoRow = ReturnType<ReturnType<typeof createDemoRows>['row']>

export interface DemoCampaignOptions extends Partial<DemoRowOptions> {
  recipients: number
  name?: string
  /** Rows per write transaction (default 200,000). */
  rowsPerTransaction?: number
  /** Progress lines (rows written so far). */
  onProgress?: (done: number, total: number) => void
}

export interface DemoCampaign {
  campaignId: string
  providerId: string
  recipients: number
  seconds: number
  /** Of `seconds`, the part spent counting the stats of the rows written (beside the tally). */
  countSeconds: number
}

/**
 * Rows per write transaction of a load that has the data file to itself. Each commit journals
 * the pages it changes that were already in the file (index pages not written in key order;
 * ~12.6 MB a commit at 1.7M rows): at 3M recipients 200,000 a commit wrote 2.4 GB instead of
 * 3.4 GB at 50,000 and used ~8% less CPU (47 against 51 s, load ~7). Larger is not better:
 * 500,000 (with a page cache to hold them) cost more CPU.
 */
const BATCH = 200_000
const NO_PROPERTIES: Record<string, string> = {}
const MINUTE = 60_000

/**
 * Writes a completed Sandbox campaign with realistic statuses, delays, failures by real Meta codes,
 * replies, a ~10% control group and goal events with revenue (positive lift). The campaign's
 * counters are suspended (the triggers skip its rows) and each transaction counts the rows it
 * wrote (`countLoad`: a tally of the messages, conversions through the stats views), so the
 * data file is complete when this returns.
 * Writes through a `DemoStore`: a bare database's (CLI, tests) or the engine's (its provider
 * accounts create the Sandbox when there is none).
 */
export function generateDemoCampaign(store: DemoStore, options: DemoCampaignOptions): DemoCampaign {
  const started = performance.now()
  const now = options.now ?? Date.now()
  const launchedAt = options.launchedAt ?? now - 4 * 24 * 60 * MINUTE
  const providerId = sandboxProvider(store, now)
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

  const { stats, contacts, messages, events } = store
  store.immediate(() => {
    store.campaigns.insertCompleted({
      id: campaignId,
      draft,
      launchedAt,
      completedAt: rows.completedAt(options.recipients),
      qualified: options.recipients,
      createdAt: launchedAt - 10 * MINUTE,
      now
    })
    stats.suspend(campaignId)
  })()

  let counting = 0
  // Through the contact writer (which also indexes names for search); a second run into the
  // same data dir finds its contacts by phone instead.
  const writeBatch = store.immediate((from: number, to: number) => {
    // Counted as written, in the same transaction (see `countLoad`): a count of the whole
    // campaign after the load read every row back through the views, ~40% of the load's time.
    const counted = stats.countLoad(campaignId)
    const load = contacts.bulkLoad(now)
    const messageRows = messages.finishedWriter(campaignId)
    const eventRows = events.bulkWriter(now)
    // BULK_ROWS recipients at a time: their contacts in one statement, then their rows.
    for (let first = from; first < to; first += BULK_ROWS) {
      const chunk: DemoRow[] = []
      for (let seq = first; seq < Math.min(to, first + BULK_ROWS); seq++) chunk.push(rows.row(seq))
      const contactIds = load.ids(chunk)
      chunk.forEach((r, i) => {
        const contactId = contactIds[i]!
        messageRows.add(contactId, first + i, r)
        counted.add(r)
        for (const e of r.events)
          eventRows.add({ contactId, ...e, properties: NO_PROPERTIES, source: 'demo' })
      })
    }
    messageRows.flush()
    eventRows.flush()
    load.done()
    const counting0 = performance.now()
    counted.done()
    counting += performance.now() - counting0
  })
  store.bulkSettings(() => {
    const batch = options.rowsPerTransaction ?? BATCH
    for (let from = 0; from < options.recipients; from += batch) {
      writeBatch(from, Math.min(options.recipients, from + batch))
      options.onProgress?.(Math.min(options.recipients, from + batch), options.recipients)
    }
    const closing = performance.now()
    while (!stats.step(campaignId));
    counting += performance.now() - closing
  })
  return {
    campaignId,
    providerId,
    recipients: options.recipients,
    seconds: (performance.now() - started) / 1000,
    countSeconds: counting / 1000
  }
}

function sandboxProvider(store: DemoStore, now: number): string {
  const existing = store.providers.oldestOfType('sandbox')
  if (existing) return existing
  if (store.createSandbox) return store.createSandbox(now)
  // The Sandbox has no secret fields, so its row needs no encryption (same row providers.create writes).
  const id = randomUUID()
  store.providers.insert({
    id,
    type: 'sandbox',
    name: 'Sandbox (built in)',
    public_config: '{}',
    secret_config: null,
    callback_token: randomBytes(24).toString('base64url'),
    rate_per_second: 200,
    created_at: now,
    updated_at: now
  })
  return id
}
