import type { Db } from '../openDb'

export type RegistrationOutcome = 'registered' | 'failed' | 'manual'

export interface RegistrationRecord {
  at: number
  trigger: string
  url: string
  outcome: RegistrationOutcome
  detail: string
  answer: string | null
}

export interface CallbackGap {
  from: number
  to: number | null
  reason: string
}

/** How many log rows each account keeps; older ones are deleted on insert. */
const LOG_LIMIT = 50

/**
 * The only writer of the registration tables (migration 0100): consent, the registration log,
 * Test callback successes, callback gaps and launch overrides; plus the reads readiness needs.
 */
export function createRegistrationRepo(db: Db) {
  const consentOf = db.prepare<[string], { enabled: number }>(
    'SELECT enabled FROM registration_consent WHERE provider_id = ?'
  )
  const putConsent = db.prepare<[string, number, number]>(
    `INSERT INTO registration_consent (provider_id, enabled, changed_at) VALUES (?, ?, ?)
     ON CONFLICT(provider_id) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at`
  )
  const insert = db.prepare<[string, number, string, string, string, string, string | null]>(
    `INSERT INTO callback_registration (provider_id, at, trigger, url, outcome, detail, answer)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )
  const trim = db.prepare<[string, string, number]>(
    `DELETE FROM callback_registration WHERE provider_id = ? AND id <= (
       SELECT id FROM callback_registration WHERE provider_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`
  )
  const recent = db.prepare<[string, number], RegistrationRecord>(
    `SELECT at, trigger, url, outcome, detail, answer FROM callback_registration
     WHERE provider_id = ? ORDER BY id DESC LIMIT ?`
  )
  const firstFor = db.prepare<[string, string], { at: number }>(
    `SELECT MIN(at) AS at FROM callback_registration WHERE provider_id = ? AND url = ?`
  )
  const putTest = db.prepare<[string, number, string]>(
    `INSERT INTO callback_test_success (provider_id, at, url) VALUES (?, ?, ?)
     ON CONFLICT(provider_id) DO UPDATE SET at = excluded.at, url = excluded.url`
  )
  const testOf = db.prepare<[string], { at: number; url: string }>(
    'SELECT at, url FROM callback_test_success WHERE provider_id = ?'
  )
  const lastReceived = db.prepare<[string], { last_at: number }>(
    `SELECT last_at FROM callback_counter WHERE provider_id = ? AND reason = 'received'`
  )
  const openGap = db.prepare<[string], { from: number; reason: string }>(
    'SELECT started_at AS "from", reason FROM callback_gap WHERE provider_id = ? AND ended_at IS NULL'
  )
  const insertGap = db.prepare<[string, number, string]>(
    'INSERT INTO callback_gap (provider_id, started_at, reason) VALUES (?, ?, ?)'
  )
  const closeGap = db.prepare<[number, string]>(
    'UPDATE callback_gap SET ended_at = ? WHERE provider_id = ? AND ended_at IS NULL'
  )
  const gapsBetween = db.prepare<[string, number, number], CallbackGap>(
    `SELECT started_at AS "from", ended_at AS "to", reason FROM callback_gap
     WHERE provider_id = ? AND started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)
     ORDER BY started_at LIMIT 100`
  )
  const putOverride = db.prepare<[string, number, string]>(
    `INSERT INTO campaign_readiness_override (campaign_id, at, problems) VALUES (?, ?, ?)
     ON CONFLICT(campaign_id) DO UPDATE SET at = excluded.at, problems = excluded.problems`
  )
  const overrideOf = db.prepare<[string], { at: number; problems: string }>(
    'SELECT at, problems FROM campaign_readiness_override WHERE campaign_id = ?'
  )
  const campaignWindow = db.prepare<
    [string],
    { provider_id: string; launched_at: number | null; completed_at: number | null }
  >('SELECT provider_id, launched_at, completed_at FROM campaign WHERE id = ?')

  return {
    /** Consent to register automatically: on unless the operator switched it off. */
    enabled: (providerId: string): boolean => (consentOf.get(providerId)?.enabled ?? 1) === 1,
    setEnabled(providerId: string, enabled: boolean, at: number): void {
      putConsent.run(providerId, enabled ? 1 : 0, at)
    },
    record(providerId: string, entry: RegistrationRecord): void {
      db.transaction(() => {
        insert.run(
          providerId,
          entry.at,
          entry.trigger,
          entry.url,
          entry.outcome,
          entry.detail,
          entry.answer
        )
        trim.run(providerId, providerId, LOG_LIMIT)
      })()
    },
    log: (providerId: string, limit = 10): RegistrationRecord[] => recent.all(providerId, limit),
    latest: (providerId: string): RegistrationRecord | undefined => recent.get(providerId, 1),
    /** When this URL was first registered (or tried) for the account: when the URL changed. */
    urlSince: (providerId: string, url: string): number | null =>
      firstFor.get(providerId, url)?.at ?? null,
    recordTestSuccess: (providerId: string, url: string, at: number): void =>
      void putTest.run(providerId, at, url),
    lastTestSuccess: (providerId: string) => testOf.get(providerId),
    /** The last accepted (signed, where the provider signs) callback of this account. */
    lastCallbackAt: (providerId: string): number | null =>
      lastReceived.get(providerId)?.last_at ?? null,
    /** Opens a gap unless one is open already (the first cause is the one shown). */
    openGap(providerId: string, at: number, reason: string): void {
      if (!openGap.get(providerId)) insertGap.run(providerId, at, reason)
    },
    /** Closes the account's open gap; true when there was one. */
    closeGap: (providerId: string, at: number): boolean => closeGap.run(at, providerId).changes > 0,
    /** The gap still open for this account, if any. */
    currentGap: (providerId: string) => openGap.get(providerId),
    gaps: (providerId: string, from: number, to: number): CallbackGap[] =>
      gapsBetween.all(providerId, to, from),
    recordOverride(campaignId: string, problems: string[], at: number): void {
      putOverride.run(campaignId, at, JSON.stringify(problems))
    },
    override(campaignId: string): { at: number; problems: string[] } | null {
      const row = overrideOf.get(campaignId)
      return row ? { at: row.at, problems: JSON.parse(row.problems) as string[] } : null
    },
    /** A campaign's account and when it ran (the gaps shown on its stats page). */
    campaignWindow: (campaignId: string) => campaignWindow.get(campaignId)
  }
}
export type RegistrationRepo = ReturnType<typeof createRegistrationRepo>
