import { randomBytes } from 'node:crypto'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import { audienceSql } from '../campaigns/audience'
import { inControlGroup } from '../campaigns/controlGroup'
import { fillParams } from '../campaigns/template'
import { toTemplateContact } from '../campaigns/validate'
import type { Db } from '../db/openDb'
import { createMessageRepo } from '../db/repos/messageRepo'

export interface QualifyResult {
  qualified: number
  control: number
  target: number
  limited: number
  /** Contacts whose placeholders went blank between the check and the launch. */
  missing: { phone: string; properties: string[] }[]
}

const PAGE = 5000

export function newOurId(): string {
  return `tb_${randomBytes(15).toString('base64url')}`
}

/**
 * Fixes the qualified users of a campaign in ONE transaction: one `message` row per contact with
 * a valid phone (contact.phone is unique, so one per phone), a deterministic control group set
 * aside at launch time, a stable `seq`, a unique `our_id`, and target rows beyond the limit
 * recorded as `campaign_limit` dispatch errors. Throws (rolling back) if any placeholder is blank.
 */
export function qualifyCampaign(
  db: Db,
  campaignId: string,
  draft: CampaignDraft,
  now: number
): QualifyResult {
  const { where, params } = audienceSql(draft.audience)
  const page = db.prepare<
    unknown[],
    { id: number; phone: string; name: string | null; properties: string }
  >(
    `SELECT c.id, c.phone, c.name, c.properties FROM contact c
     WHERE ${where} AND c.id > ? ORDER BY c.id LIMIT ${PAGE}`
  )
  const messages = createMessageRepo(db)
  const markCampaign = db.prepare(
    `UPDATE campaign SET status = 'running', paused_reason = NULL, launched_at = ?, qualified = ?,
       updated_at = ? WHERE id = ?`
  )
  const limit = draft.limit ?? Infinity
  const result: QualifyResult = { qualified: 0, control: 0, target: 0, limited: 0, missing: [] }

  db.transaction(() => {
    let after = 0
    for (;;) {
      const rows = page.all(...params, after)
      if (rows.length === 0) break
      after = rows[rows.length - 1]!.id
      for (const row of rows) {
        const seq = result.qualified++
        if (inControlGroup(campaignId, row.id, draft.controlGroupPercent)) {
          result.control++
          messages.insertQualified({
            campaignId,
            contactId: row.id,
            phone: row.phone,
            grp: 'control',
            seq,
            ourId: newOurId(),
            params: null,
            dispatchState: 'control',
            dispatchError: null,
            setAsideAt: now,
            dispatchedAt: null
          })
          continue
        }
        const filled = fillParams(draft.template.params, toTemplateContact(row))
        if (!filled.ok) {
          if (result.missing.length < 20)
            result.missing.push({ phone: row.phone, properties: filled.missing })
          continue
        }
        const overLimit = result.target >= limit
        result.target++
        if (overLimit) result.limited++
        messages.insertQualified({
          campaignId,
          contactId: row.id,
          phone: row.phone,
          grp: 'target',
          seq,
          ourId: newOurId(),
          params: JSON.stringify(filled.params),
          dispatchState: overLimit ? 'error' : 'queued',
          dispatchError: overLimit ? 'campaign_limit' : null,
          setAsideAt: null,
          dispatchedAt: overLimit ? now : null
        })
      }
    }
    if (result.missing.length) throw new MissingPlaceholders(result.missing)
    markCampaign.run(now, result.qualified, now, campaignId)
  })()
  return result
}

export class MissingPlaceholders extends Error {
  override name = 'MissingPlaceholders'
  constructor(readonly missing: { phone: string; properties: string[] }[]) {
    super(
      `Template placeholders are blank for some qualified contacts, e.g. ${missing
        .slice(0, 3)
        .map((m) => `${m.phone} (${m.properties.join(', ')})`)
        .join('; ')}`
    )
  }
}
