import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { CampaignRow } from '../db/repos/campaignRepo'

function utcMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/**
 * The refusal of an edit made from an older version of a draft (issue #22): it names who saved
 * the newer one and when, and carries both in `details` for the UI to show in local time.
 */
export function staleEdit(row: CampaignRow, editedVersion: number): AppError {
  const who = row.edited_by ?? 'someone'
  return new AppError(
    ErrorCode.conflict,
    `${row.name} was changed by ${who} at ${utcMinute(row.updated_at)} (version ${row.version}; you edited version ${editedVersion}): reload it to see their changes, then edit again`,
    { version: row.version, editedBy: row.edited_by, editedAt: row.updated_at }
  )
}
