import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/db/openDb'
import { createConversionDrainer } from '../../../src/main/stats/conversions'
import {
  createConversionRepo,
  createStatsRebuild,
  rebuildCampaignStats
} from '../../../src/main/db/repos/statsCounterRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { addContact, addEvent, seedProviderAndCampaign, snapshot } from './fixture'

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0)
const CONTACTS = 12
const CAMPAIGNS = ['pa', 'pb'] as const

const time = fc.option(
  fc.integer({ min: 0, max: 3 * 86_400_000 }).map((d) => T0 + d),
  {
    nil: null,
    freq: 3
  }
)
/** Any combination of the columns the counters depend on, consistent or not: the triggers and a
 * rebuild must agree on every row the table can hold. */
const fields = fc.record(
  {
    grp: fc.constantFrom('target', 'control'),
    dispatch_state: fc.constantFrom('control', 'queued', 'in_flight', 'sent', 'error', 'unknown'),
    dispatch_error: fc.option(fc.constantFrom('timeout', 'campaign_limit', 'cancelled'), {
      nil: null
    }),
    status: fc.option(fc.constantFrom('sent', 'delivered', 'read', 'failed'), { nil: null }),
    failure_code: fc.option(fc.constantFrom('131026', '131049'), { nil: null }),
    reply_count: fc.integer({ min: 0, max: 3 }),
    set_aside_at: time,
    dispatched_at: time,
    sent_at: time,
    delivered_at: time,
    read_at: time,
    first_reply_at: time
  },
  { requiredKeys: [] }
)
const campaign = fc.constantFrom(...CAMPAIGNS)
const contact = fc.integer({ min: 1, max: CONTACTS })
const step = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('insert' as const), campaign, contact, fields }),
    weight: 3
  },
  {
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), fields }),
    weight: 3
  },
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('event' as const),
    contact,
    event: fc.constantFrom('purchase', 'signup'),
    at: fc.integer({ min: -86_400_000, max: 4 * 86_400_000 }).map((d) => T0 + d),
    revenue: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null })
  }),
  fc.record({ kind: fc.constant('dropEvent' as const), pick: fc.nat() }),
  // A rebuild page (3 message rowids) of the campaign being recounted, if any.
  fc.record({ kind: fc.constant('rebuildStep' as const) })
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

function setup(db: Db): void {
  for (const id of CAMPAIGNS)
    seedProviderAndCampaign(db, id, {
      event: 'purchase',
      windowHours: 24,
      revenueProperty: 'revenue'
    })
  for (let i = 1; i <= CONTACTS; i++) addContact(db, i, `Person ${i}`)
}

function apply(db: Db, s: Step, rebuild: ReturnType<typeof createStatsRebuild>): void {
  const ids = db.prepare('SELECT id FROM message ORDER BY id').pluck().all() as number[]
  switch (s.kind) {
    case 'insert': {
      const row: Record<string, unknown> = {
        campaign_id: s.campaign,
        contact_id: s.contact,
        phone: `+1555000${String(s.contact).padStart(4, '0')}`,
        grp: 'target',
        seq: s.contact,
        our_id: `${s.campaign}-${s.contact}`,
        dispatch_state: 'queued',
        ...s.fields
      }
      const cols = Object.keys(row)
      db.prepare(
        `INSERT OR IGNORE INTO message (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`
      ).run(row)
      return
    }
    case 'update': {
      const cols = Object.keys(s.fields)
      if (!ids.length || !cols.length) return
      db.prepare(
        `UPDATE message SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`
      ).run({ ...s.fields, id: ids[s.pick % ids.length] })
      return
    }
    case 'delete':
      if (ids.length) db.prepare('DELETE FROM message WHERE id = ?').run(ids[s.pick % ids.length])
      return
    case 'event':
      addEvent(db, s.contact, s.event, s.at, s.revenue)
      return
    case 'dropEvent': {
      const events = db
        .prepare('SELECT id FROM contact_event ORDER BY id')
        .pluck()
        .all() as number[]
      if (events.length)
        db.prepare('DELETE FROM contact_event WHERE id = ?').run(events[s.pick % events.length])
      return
    }
    case 'rebuildStep':
      for (const id of rebuild.suspended()) rebuild.step(id)
  }
}

describe('one derivation of the stats counters (views of migrations 0060 and 0120)', () => {
  const tempDir = useTempDirs()

  it('triggers, with or without a paged rebuild running in between, equal a full rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 50, size: 'max' }),
        // Where in the history the paged rebuild starts, as a share of it (null: never).
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        async (steps, suspendShare) => {
          const suspendAt = suspendShare === null ? -1 : Math.floor(suspendShare * steps.length)
          const db = openDb(tempDir())
          try {
            setup(db)
            const rebuild = createStatsRebuild(db, 3)
            const drainer = createConversionDrainer(createConversionRepo(db))
            steps.forEach((s, i) => {
              // Midway, one campaign starts being recounted page by page, as after a bulk load.
              if (i === suspendAt) rebuild.suspend('pa')
              apply(db, s, rebuild)
            })
            while (!rebuild.step('pa'));
            const live = []
            for (const id of CAMPAIGNS) {
              await drainer.fresh(id)
              live.push(snapshot(db, id))
            }
            const rebuilt = []
            for (const id of CAMPAIGNS) {
              rebuildCampaignStats(db, id)
              rebuilt.push(snapshot(db, id))
            }
            expect(live).toEqual(rebuilt)
          } finally {
            db.close()
          }
        }
      ),
      { seed: 20261130, numRuns: 60 }
    )
  })
})
