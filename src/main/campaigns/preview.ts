import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { TemplateBubble, TemplateView } from '../../shared/ipc/routes/templates'
import type { AudienceContact, AudienceRepo } from '../db/repos/audienceRepo'
import { toTemplateContact } from '../templates/fill'
import { renderBubble } from '../templates/bubble'
import { templateOfDraft, type TemplateReads } from '../templates/launch'

/** What a bubble preview reads: a few contacts of the audience and the synced template. */
export interface PreviewReads {
  audience: Pick<AudienceRepo, 'contactByPhone' | 'sample'>
  templates: TemplateReads
}

export const SAMPLE_SIZE = 5

/**
 * Bubbles of a draft: for one chosen contact (by phone), or the first five contacts of the
 * audience. Reads at most five rows: it never grows with the audience.
 */
export function previewBubbles(
  reads: PreviewReads,
  draft: Partial<CampaignDraft>,
  phone?: string
): { bubbles: TemplateBubble[]; template: TemplateView | null } {
  const template = templateOfDraft(reads.templates, draft)
  if (!draft.template?.name) return { bubbles: [], template }
  let rows: AudienceContact[]
  if (phone) {
    const row = reads.audience.contactByPhone(phone)
    if (!row) throw new AppError(ErrorCode.notFound, `No contact with phone ${phone}`)
    rows = [row]
  } else rows = reads.audience.sample(draft.audience, SAMPLE_SIZE)
  const ref = draft.template
  return {
    template,
    bubbles: rows.map((row) => renderBubble(ref, template, toTemplateContact(row)))
  }
}
