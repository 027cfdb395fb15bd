import type { Db } from '../openDb'

/** A launch's qualification job, with its campaign's draft and qualified count. */
export interface QualifyJob {
  after_contact_id: number
  until_contact_id: number
  expected: number
  targets: number
  skipped: number
  launched_at: number
  params: string
  /** 1 once the audience part of the launch check passed. */
  checked: number
  draft: string
  qualified: number
}

export type QualifyJobRepo = ReturnType<typeof createQualifyJobRepo>

/**
 * The `qualify_job` table (dispatch/qualify's cursor per launch, the only writer): each page of a
 * qualification moves it in the transaction that writes the page's messages (`unitOfWork`).
 */
export function createQualifyJobRepo(db: Db) {
  const jobOf = db.prepare<[string], QualifyJob>(
    `SELECT j.*, c.draft, c.qualified FROM qualify_job j JOIN campaign c ON c.id = j.campaign_id
     WHERE j.campaign_id = ?`
  )
  const jobIds = db.prepare<[], string>('SELECT campaign_id FROM qualify_job').pluck()
  const createJob = db.prepare(
    `INSERT INTO qualify_job (campaign_id, after_contact_id, until_contact_id, expected, launched_at,
       params, checked) VALUES (?, 0, ?, 0, ?, ?, 0)`
  )
  const markChecked = db.prepare(
    'UPDATE qualify_job SET checked = 1, expected = ? WHERE campaign_id = ?'
  )
  const moveJob = db.prepare(
    `UPDATE qualify_job SET after_contact_id = ?, targets = ?, skipped = ? WHERE campaign_id = ?`
  )
  const endJob = db.prepare('DELETE FROM qualify_job WHERE campaign_id = ?')
  return {
    get: (campaignId: string): QualifyJob | undefined => jobOf.get(campaignId),
    campaignIds: (): string[] => jobIds.all(),
    create(campaignId: string, untilContactId: number, launchedAt: number, params: string) {
      createJob.run(campaignId, untilContactId, launchedAt, params)
    },
    markChecked: (campaignId: string, expected: number) =>
      void markChecked.run(expected, campaignId),
    move(campaignId: string, after: number, targets: number, skipped: number) {
      moveJob.run(after, targets, skipped, campaignId)
    },
    end: (campaignId: string) => void endJob.run(campaignId),
    /** `fn` as one transaction (synchronous, as every transaction of the engine). */
    unitOfWork: <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) =>
      db.transaction(fn)
  }
}
