import type { OptOutSource } from '../../../shared/domain/optOuts'
import type { Db } from '../openDb'

/** A marketing opt-out signal as a webhook showed it (a keyword, a preference, error 131050). */
export interface OptOutSignalFields {
  source: OptOutSource
  value: 'stop' | 'resume'
  at: number
  phone: string | null
  userId: string | null
  detail: string | null
  /** Identifies the signal across provider retries (an inbound id, a status id, …). */
  dedupeKey: string
}

export interface OptOutEventInsert extends OptOutSignalFields {
  providerId: string
  messageId: number | null
  campaignId: string | null
  receivedAt: number
}

/** One opted-out user as the Contacts page lists them. */
export interface OptedOutRow {
  subject: string
  user_id: string | null
  at: number
  source: OptOutSource
  username: string | null
  name: string | null
}

const OPTED_OUT = `SELECT o.subject, o.user_id, o.at, o.source,
    (SELECT i.username FROM user_identity i
     WHERE i.user_id = o.user_id OR (i.phone = o.subject AND i.username IS NOT NULL) LIMIT 1) AS username,
    (SELECT c.name FROM contact c WHERE c.phone = o.subject) AS name
  FROM contact_opt_out o WHERE o.stopped = 1`

/**
 * The only writer of `opt_out_event` (every marketing opt-out signal, once) and
 * `contact_opt_out` (each user's current state), and the list of who is opted out now.
 */
export function createOptOutRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO opt_out_event (provider_id, source, value, at, phone, user_id, detail, dedupe_key,
       message_id, campaign_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id, dedupe_key) DO NOTHING`
  )
  // Later provider time wins; at the same instant a stop wins over a resume.
  const state = db.prepare(
    `INSERT INTO contact_opt_out (subject, stopped, at, source, user_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET stopped = excluded.stopped, at = excluded.at,
       source = excluded.source, user_id = COALESCE(excluded.user_id, user_id)
     WHERE excluded.at > contact_opt_out.at
        OR (excluded.at = contact_opt_out.at AND excluded.stopped > contact_opt_out.stopped)`
  )
  const total = db.prepare<[], number>('SELECT COUNT(*) FROM contact_opt_out WHERE stopped = 1')
  total.pluck()
  const page = db.prepare<[number, number], OptedOutRow>(
    `${OPTED_OUT} ORDER BY o.at DESC LIMIT ? OFFSET ?`
  )
  const all = db.prepare<[], OptedOutRow>(`${OPTED_OUT} ORDER BY o.at DESC`)
  return {
    /** True when the signal was new (not a retry of one recorded). */
    addEvent: (e: OptOutEventInsert): boolean =>
      insert.run(
        e.providerId,
        e.source,
        e.value,
        e.at,
        e.phone,
        e.userId,
        e.detail,
        e.dedupeKey,
        e.messageId,
        e.campaignId,
        e.receivedAt
      ).changes > 0,
    /** Moves the subject's state when this signal is the latest by provider time. */
    setState(
      subject: string,
      stopped: boolean,
      at: number,
      source: OptOutSource,
      userId: string | null
    ): void {
      state.run(subject, stopped ? 1 : 0, at, source, userId)
    },
    optedOutCount: (): number => total.get() ?? 0,
    optedOutPage: (offset: number, limit: number): OptedOutRow[] => page.all(limit, offset),
    optedOutAll: (): IterableIterator<OptedOutRow> => all.iterate()
  }
}
export type OptOutRepo = ReturnType<typeof createOptOutRepo>
