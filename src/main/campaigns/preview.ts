import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { TemplateBubble, TemplateView } from '../../shared/ipc/routes/templates'
import { audienceSql } from '../db/repos/audienceSql'
import { toTemplateContact } from '../templates/fill'
import type { Db } from '../db/openDb'
import { renderBubble } from '../templates/bubble'
import { templateOfDraft } from '../templates/launch'

interface ContactRow {
  id: number
  phone: string
  name: string | null
  properties: string
}

export const SAMPLE_SIZE = 5

/**
 * Bubbles of a draft: for one chosen contact (by phone), or the first five contacts of the
 * audience. Reads at most five rows: it never grows with the audience.
 */
export function previewBubbles(
  db: Db,
  draft: Partial<CampaignDraft>,
  phone?: string
): { bubbles: TemplateBubble[]; template: TemplateView | null } {
  const template = templateOfDraft(db, draft)
  if (!draft.template?.name) return { bubbles: [], template }
  let rows: ContactRow[]
  if (phone) {
    const row = db
      .prepare<[string], ContactRow>(
        'SELECT id, phone, name, properties FROM contact WHERE phone = ?'
      )
      .get(phone)
    if (!row) throw new AppError(ErrorCode.notFound, `No contact with phone ${phone}`)
    rows = [row]
  } else {
    const { where, params } = audienceSql(draft.audience)
    rows = db
      .prepare<string[], ContactRow>(
        `SELECT c.id, c.phone, c.name, c.properties FROM contact c WHERE ${where} ORDER BY c.id LIMIT ${SAMPLE_SIZE}`
      )
      .all(...params)
  }
  const ref = draft.template
  return {
    template,
    bubbles: rows.map((row) => renderBubble(ref, template, toTemplateContact(row)))
  }
}
