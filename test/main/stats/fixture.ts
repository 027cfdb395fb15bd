import { goalColumns } from '../../../src/main/db/repos/campaignRepo'
import type { CampaignDraft } from '../../../src/shared/ipc/routes/campaigns'
import type { Db } from '../../../src/main/db/openDb'
import { createNameWords } from '../../../src/main/db/repos/contactNameWords'

/** Inserts rows the way the dispatcher and callback processor will: plain SQL on real tables. */
export function seedProviderAndCampaign(
  db: Db,
  campaignId: string,
  conversion: Record<string, unknown> | null,
  providerType = 'meta'
): void {
  db.prepare(
    `INSERT OR IGNORE INTO provider (id, type, name, callback_token, rate_per_second, created_at, updated_at)
     VALUES ('prov', ?, 'Provider', 'tok-' || ?, 80, 0, 0)`
  ).run(providerType, campaignId)
  db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, created_at, updated_at,
       goal_event, goal_window_ms, goal_revenue_property)
     VALUES (@id, @name, 'prov', @draft, 'running', 0, 0, @goal_event, @goal_window_ms, @goal_revenue_property)`
  ).run({
    id: campaignId,
    name: `Campaign ${campaignId}`,
    draft: JSON.stringify({ name: campaignId, conversion }),
    ...goalColumns({ conversion: conversion as CampaignDraft['conversion'] })
  })
}

export function addContact(db: Db, id: number, name: string | null): string {
  const phone = `+91980000${String(id).padStart(4, '0')}`
  db.prepare(
    `INSERT INTO contact (id, phone, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`
  ).run(id, phone, name)
  // The contact repository indexes names for search next to the row; so does this fixture.
  createNameWords(db)(name)
  return phone
}

export function addMessage(
  db: Db,
  campaignId: string,
  contactId: number,
  grp: 'target' | 'control',
  fields: Record<string, string | number | null> = {}
): number {
  const phone = db.prepare('SELECT phone FROM contact WHERE id = ?').pluck().get(contactId)
  const row = {
    campaign_id: campaignId,
    contact_id: contactId,
    phone,
    grp,
    seq: contactId,
    our_id: `${campaignId}-${contactId}`,
    dispatch_state: grp === 'control' ? 'control' : 'queued',
    ...fields
  }
  const cols = Object.keys(row)
  return Number(
    db
      .prepare(
        `INSERT INTO message (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`
      )
      .run(row).lastInsertRowid
  )
}

export function update(db: Db, messageId: number, fields: Record<string, string | number | null>) {
  const sets = Object.keys(fields).map((c) => `${c} = @${c}`)
  db.prepare(`UPDATE message SET ${sets.join(', ')} WHERE id = @id`).run({
    ...fields,
    id: messageId
  })
}

export function addEvent(
  db: Db,
  contactId: number,
  event: string,
  at: number,
  revenue: number | null,
  properties: Record<string, string> = {}
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO contact_event (contact_id, event, at, revenue, properties, source, created_at)
         VALUES (?, ?, ?, ?, ?, 'import', 0)`
      )
      .run(contactId, event, at, revenue, JSON.stringify(properties)).lastInsertRowid
  )
}

/** Counter and trend rows of a campaign, zero rows left out, for exact comparisons. */
export function snapshot(db: Db, campaignId: string) {
  return {
    counters: db
      .prepare('SELECT key, n FROM stats_counter WHERE campaign_id = ? AND n <> 0 ORDER BY key')
      .all(campaignId),
    trend: db
      .prepare(
        'SELECT metric, bucket, n FROM stats_trend WHERE campaign_id = ? AND n <> 0 ORDER BY metric, bucket'
      )
      .all(campaignId),
    conversions: db
      .prepare(
        'SELECT message_id, grp, converted_at, revenue_micros, events FROM message_conversion WHERE campaign_id = ? ORDER BY message_id'
      )
      .all(campaignId),
    latency: db
      .prepare(
        'SELECT bucket, n FROM delivery_latency WHERE campaign_id = ? AND n <> 0 ORDER BY bucket'
      )
      .all(campaignId)
  }
}

export const utc = (iso: string): number => Date.parse(iso)
