import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/db/openDb'
import { createContactRepo } from '../../../src/main/db/repos/contactRepo'
import {
  BROAD_COUNT_CAP,
  createErrorRecipientsRepo,
  type ErrorRecipientQuery
} from '../../../src/main/db/repos/errorRecipientsRepo'
import { parseSearchText } from '../../../src/main/db/repos/searchText'
import { mulberry32 } from '../../../src/main/demo/demoPeople'
import { useTempDirs } from '../../helpers/tempDir'
import { addMessage, seedProviderAndCampaign } from './fixture'

const CAMPAIGN = 'reads-campaign'
const T0 = Date.parse('2026-11-02T10:00:00Z')
const NAMES = ['Priya Patel', 'Asha Patel', 'Priya Shah', 'Dev K', 'Rohan Iyer', 'Pari Rao']
const CODES = ['131026', '131049', null]
const ERRORS = ['rate_limited', 'timeout', null]

interface Listed {
  id: number
  phone: string
  name: string
  code: string | null
  at: number
}

/**
 * Each of the drill-down's reads (exact by contact, contacts probed past the narrow count, the
 * list-order read, number ranges for a start or any part of a number) gives what reading the
 * whole group in list order gives: the same rows in the same order, the same (capped) count.
 */
describe('drill-down search: every read gives the list-order answer', () => {
  const tempDir = useTempDirs()
  let db: Db
  const listed: Record<'delivery' | 'dispatch', Listed[]> = { delivery: [], dispatch: [] }

  beforeAll(() => {
    db = openDb(tempDir())
    seedProviderAndCampaign(db, CAMPAIGN, null)
    const rand = mulberry32(21)
    // Numbers of many lengths and few digits (so searched digits occur often, even twice).
    const phones = new Set<string>()
    while (phones.size < 2_400) {
      const length = 4 + Math.floor(rand() * 11)
      let digits = String(1 + Math.floor(rand() * 3))
      while (digits.length < length) digits += String(Math.floor(rand() * 4))
      phones.add(`+${digits}`)
    }
    const contacts = [...phones].map((phone) => ({
      phone,
      name: NAMES[Math.floor(rand() * NAMES.length)]!,
      properties: {}
    }))
    createContactRepo(db).upsertBatch(contacts, T0)
    const idOf = db.prepare<[string], number>('SELECT id FROM contact WHERE phone = ?').pluck()
    for (const { phone, name } of contacts) {
      const contactId = idOf.get(phone)!
      // Few distinct times, so the list order often falls back on the row id.
      const at = T0 + Math.floor(rand() * 40) * 1000
      const r = rand()
      if (r < 0.75) {
        const code = CODES[Math.floor(rand() * CODES.length)]!
        const id = addMessage(db, CAMPAIGN, contactId, 'target', {
          dispatch_state: 'sent',
          sent_at: at - 5000,
          status: 'failed',
          failed_at: at,
          failure_code: code
        })
        listed.delivery.push({ id, phone, name, code: code ?? 'unknown', at })
      } else if (r < 0.9) {
        const reason = ERRORS[Math.floor(rand() * ERRORS.length)]!
        const id = addMessage(db, CAMPAIGN, contactId, 'target', {
          dispatch_state: 'error',
          dispatch_error: reason,
          dispatched_at: at
        })
        listed.dispatch.push({ id, phone, name, code: reason ?? 'provider_error', at })
      } else
        addMessage(db, CAMPAIGN, contactId, 'target', {
          dispatch_state: 'sent',
          sent_at: at - 5000,
          status: 'delivered',
          delivered_at: at
        })
    }
    for (const rows of Object.values(listed)) rows.sort((a, b) => b.at - a.at || b.id - a.id)
  })
  afterAll(() => db.close())

  /** The list-order answer: matching rows in order, counted exactly up to the cap when broad. */
  function expected(q: ErrorRecipientQuery, match: (r: Listed) => boolean, broad: boolean) {
    const all = listed[q.kind].filter((r) => (q.code === null || r.code === q.code) && match(r))
    const cap = Math.max(BROAD_COUNT_CAP, q.offset + q.limit) + 1
    const atLeast = broad && all.length >= cap
    return {
      ids: all.slice(q.offset, q.offset + q.limit).map((r) => r.id),
      total: atLeast ? cap - 1 : all.length,
      totalAtLeast: atLeast
    }
  }
  const query = (
    text: string,
    kind: 'delivery' | 'dispatch',
    code: string | null,
    offset: number
  ): ErrorRecipientQuery => ({
    campaignId: CAMPAIGN,
    kind,
    code,
    search: parseSearchText(text),
    offset,
    limit: 50
  })
  const answer = (repo: ReturnType<typeof createErrorRecipientsRepo>, q: ErrorRecipientQuery) => {
    const found = repo.search(q)
    return {
      ids: found.rows.map((r) => r.id),
      total: found.total,
      totalAtLeast: found.totalAtLeast
    }
  }
  const groups: ['delivery' | 'dispatch', string | null][] = [
    ['delivery', null],
    ['delivery', '131049'],
    ['delivery', 'unknown'],
    ['dispatch', null],
    ['dispatch', 'provider_error']
  ]

  it('finds any part of a number, or its start, through number ranges as the list read does', () => {
    const repo = createErrorRecipientsRepo(db)
    expect(listed.delivery.length).toBeGreaterThan(1_500)
    for (const digits of ['1', '21', '303', '3131', '10203', '2220', '11'])
      for (const [kind, code] of groups)
        for (const offset of [0, 280, 400]) {
          const q = query(digits, kind, code, offset)
          // Any part: broad (no contact count first), so capped.
          expect(answer(repo, q)).toEqual(expected(q, (r) => r.phone.includes(digits), true))
          // The start, with '+': fewer contacts than a narrow read takes, so counted exactly.
          const start = query(`+${digits}`, kind, code, offset)
          expect(answer(repo, start)).toEqual(
            expected(start, (r) => r.phone.startsWith(`+${digits}`), false)
          )
        }
  })

  it('probes the contacts of a broad name search, or reads the list, with the same answer', () => {
    // Past 3 contacts a name search is broad: counted up to the cap, read one way or the other.
    const probing = createErrorRecipientsRepo(db, { narrowContacts: 3, probeRatio: 1e9 })
    const listing = createErrorRecipientsRepo(db, { narrowContacts: 3, probeRatio: 0 })
    const exact = createErrorRecipientsRepo(db)
    const searches: [string, (r: Listed) => boolean][] = [
      ['priya pa', (r) => r.name === 'Priya Patel'],
      ['Patel', (r) => r.name.endsWith(' Patel')],
      ['pa', (r) => /(^| )Pa/.test(r.name)],
      ['k', (r) => r.name === 'Dev K']
    ]
    for (const [text, match] of searches)
      for (const [kind, code] of groups)
        for (const offset of [0, 120, 330]) {
          const q = query(text, kind, code, offset)
          const broad = expected(q, match, true)
          expect(answer(probing, q)).toEqual(broad)
          expect(answer(listing, q)).toEqual(broad)
          expect(answer(exact, q)).toEqual(expected(q, match, false))
        }
    expect(
      expected(query('Patel', 'delivery', null, 0), (r) => r.name.endsWith(' Patel'), true)
    ).toMatchObject({ totalAtLeast: true })
  })
})
