import Database from 'better-sqlite3'
import fc from 'fast-check'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bundledMigrations, migrate } from '../../../src/main/db/migrate'
import { openDb } from '../../../src/main/db/openDb'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { nameWords } from '../../../src/main/db/repos/contactNameWords'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { addMessage, seedProviderAndCampaign } from './fixture'

const CAMPAIGN = 'search-campaign'
const OTHER = 'other-campaign'
const T0 = Date.parse('2026-11-02T10:00:00Z')

/** Contacts imported through contacts.import (the contact writer), with the names under test. */
const PEOPLE: [phone: string, name: string][] = [
  ['+919812345601', 'Asha Patel'],
  ['+919812345602', 'Rohan Patel'],
  ['+919812345603', 'Priya PATEL'],
  ['+919812345604', 'Kabir Patil'],
  ['+919812345605', 'Meera Patel'],
  ['+919812345606', 'Dev Patel'],
  ['+919912345607', 'प्रिया शर्मा'],
  ['+79161234508', 'Ирина Петрова'],
  ['+34612345609', 'José Núñez'],
  ['+8613812345610', '王小明'],
  ['+14155550111', "Aoife O'Brien-Smith"],
  ['+14155550112', 'Tara Iyer'],
  ['+447911123413', 'Nila K']
]

describe('drill-down search by phone and name (real data file, real migrations)', () => {
  const tempDir = useTempDirs()
  let t: TestEngine
  const failedAt = new Map<string, number>()

  const search = (search: string, more: Record<string, unknown> = {}) =>
    t.call('stats.errorRecipients', { campaignId: CAMPAIGN, kind: 'delivery', search, ...more })
  const names = async (text: string): Promise<string[]> =>
    (await search(text, { limit: 500 })).rows.map((r) => r.name!)

  beforeEach(async () => {
    t = await startTestEngine(tempDir())
    const csv = ['phone,name', ...PEOPLE.map(([p, n]) => `${p},"${n}"`)].join('\n')
    expect(await t.call('contacts.import', { csv })).toMatchObject({ imported: PEOPLE.length })
    const db = t.engine.db
    seedProviderAndCampaign(db, CAMPAIGN, null)
    seedProviderAndCampaign(db, OTHER, null)
    const idOf = db.prepare<[string], number>('SELECT id FROM contact WHERE phone = ?').pluck()
    PEOPLE.forEach(([phone], i) => {
      const at = T0 + i * 60_000
      failedAt.set(phone, at)
      // Everyone failed, except Tara, who was delivered: she is outside every error group.
      const delivered = phone === '+14155550112'
      addMessage(db, CAMPAIGN, idOf.get(phone)!, 'target', {
        dispatch_state: 'sent',
        sent_at: at - 5000,
        status: delivered ? 'delivered' : 'failed',
        delivered_at: delivered ? at : null,
        failed_at: delivered ? null : at,
        failure_code: i % 2 === 0 ? '131026' : '131049'
      })
    })
    // The same Patel failed in another campaign too: that row is not this campaign's.
    addMessage(db, OTHER, idOf.get('+919812345601')!, 'target', {
      dispatch_state: 'sent',
      sent_at: T0,
      status: 'failed',
      failed_at: T0,
      failure_code: '131026'
    })
  })
  afterEach(() => t.engine.close())

  it('finds phone numbers by their start with "+", by any part without it, typed with spaces or dashes', async () => {
    const plus = await search('+9198')
    expect(plus.total).toBe(6)
    expect(plus.rows.map((r) => r.phone).every((p) => p.startsWith('+9198'))).toBe(true)
    expect((await search('9198')).total).toBe(6)
    expect((await search('+91 98-123')).total).toBe(6)
    expect((await search('(+91) 99')).rows.map((r) => r.name)).toEqual(['प्रिया शर्मा'])
    // Without '+': anywhere in the number (a national number finds its E.164 form).
    expect((await search('12345609')).rows.map((r) => r.phone)).toEqual(['+34612345609'])
    // With '+': only the start, so +98 is not the 98 inside +9198….
    expect((await search('+98')).total).toBe(0)
    // A delivered recipient is in no error group.
    expect((await search('+1415555011')).rows.map((r) => r.phone)).toEqual(['+14155550111'])
  })

  it('finds names by the start of any word, in any case, in any order', async () => {
    const patels = ['Dev Patel', 'Meera Patel', 'Priya PATEL', 'Rohan Patel', 'Asha Patel']
    expect(await names('patel')).toEqual(patels) // newest failure first
    expect(await names('PATEL')).toEqual(patels)
    expect(await names('pat')).toEqual([
      'Dev Patel',
      'Meera Patel',
      'Kabir Patil',
      ...patels.slice(2)
    ])
    expect(await names('pa as')).toEqual(['Asha Patel'])
    expect(await names('  Asha   Pat ')).toEqual(['Asha Patel'])
    expect(await names('brien')).toEqual(["Aoife O'Brien-Smith"])
    expect(await names("o'brien smi")).toEqual(["Aoife O'Brien-Smith"])
    // Words start where the name's words start: the middle of a word is not a match.
    expect(await names('atel')).toEqual([])
    // A single letter is a whole word (an initial), not the start of every K… name.
    expect(await names('k')).toEqual(['Nila K'])
    expect(await names('nila k')).toEqual(['Nila K'])
    expect(await names('kabir p')).toEqual([])
    expect(await names('ka')).toEqual(['Kabir Patil'])
    expect(await names('Tara')).toEqual([]) // delivered, not in the group
  })

  it('finds non-Latin names and ignores Latin accents', async () => {
    expect(await names('प्रि')).toEqual(['प्रिया शर्मा'])
    expect(await names('शर्मा')).toEqual(['प्रिया शर्मा'])
    expect(await names('ирина')).toEqual(['Ирина Петрова'])
    expect(await names('ПЕТ')).toEqual(['Ирина Петрова'])
    expect(await names('jose nunez')).toEqual(['José Núñez'])
    expect(await names('Núñ')).toEqual(['José Núñez'])
    expect(await names('王')).toEqual(['王小明'])
  })

  it('pages a search in the order of the list, with the total of all matches', async () => {
    const pages = await Promise.all(
      [0, 2, 4].map((offset) => search('patel', { offset, limit: 2 }))
    )
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5])
    expect(pages.map((p) => p.rows.length)).toEqual([2, 2, 1])
    const phones = pages.flatMap((p) => p.rows.map((r) => r.phone))
    expect(phones).toEqual([
      '+919812345606',
      '+919812345605',
      '+919812345603',
      '+919812345602',
      '+919812345601'
    ])
    expect(pages[0]!.rows[0]).toEqual({
      phone: '+919812345606',
      name: 'Dev Patel',
      code: '131049',
      title: expect.any(String),
      at: failedAt.get('+919812345606'),
      providerMessage: null
    })
    expect(await search('patel', { offset: 5, limit: 2 })).toEqual({ total: 5, rows: [] })
  })

  it('searches within the chosen error code', async () => {
    const inCode = await search('patel', { code: '131026' })
    expect(inCode.total).toBe(3)
    expect(inCode.rows.map((r) => r.name)).toEqual(['Meera Patel', 'Priya PATEL', 'Asha Patel'])
    expect((await search('+9198', { code: '131049' })).total).toBe(3)
  })

  it('matches nothing for text without letters or digits, and no dispatch error for a delivery search', async () => {
    expect(await search('%_')).toEqual({ total: 0, rows: [] })
    expect(await search('"*')).toEqual({ total: 0, rows: [] })
    // FTS5 syntax in the text is searched for as words, not run as a query.
    expect(await names('patel OR asha')).toEqual([])
    expect(await names('NEAR(patel')).toEqual([])
    const dispatch = await t.call('stats.errorRecipients', {
      campaignId: CAMPAIGN,
      kind: 'dispatch',
      search: 'patel'
    })
    expect(dispatch).toEqual({ total: 0, rows: [] })
  })

  it('follows a renamed contact (a re-import with a new name)', async () => {
    await t.call('contacts.import', { csv: 'phone,name\n+919812345601,Asha Mehta\n' })
    expect(await names('asha')).toEqual(['Asha Mehta'])
    expect(await names('mehta')).toEqual(['Asha Mehta'])
    expect(await names('patel')).not.toContain('Asha Mehta')
    expect((await search('patel')).total).toBe(4)
  })
})

describe('the name index of contacts that existed before it', () => {
  const tempDir = useTempDirs()

  it('indexes the names of existing contacts when openDb applies the migration, in pages, resumably', () => {
    const dir = tempDir()
    const raw = new Database(join(dir, 'tickboard.sqlite'))
    migrate(
      raw,
      bundledMigrations().filter((m) => m.version < 115)
    )
    const insert = raw.prepare(
      'INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, ?, ?, 0, 0)'
    )
    raw.transaction(() => {
      // More than one page (10,000 contacts) of names.
      for (let i = 1; i <= 10_005; i++)
        insert.run(`+9198${String(i).padStart(8, '0')}`, i === 2 ? null : `Person ${i}`, '{}')
      insert.run('+919900000001', 'Zoë Åström', '{}')
      insert.run('+919900000002', 'ИРИНА Петрова', '{}')
    })()
    raw.close()

    const db = openDb(dir)
    const namesWith = (d: typeof db, word: string): string[] =>
      d
        .prepare<[string], string>('SELECT name FROM name_word WHERE word = ? ORDER BY name')
        .pluck()
        .all(word)
    try {
      expect(namesWith(db, 'zoe')).toEqual(['Zoë Åström'])
      expect(namesWith(db, 'astrom')).toEqual(['Zoë Åström'])
      expect(namesWith(db, 'ирина')).toEqual(['ИРИНА Петрова'])
      expect(namesWith(db, '10005')).toEqual(['Person 10005'])
      expect(namesWith(db, 'person')).toHaveLength(10_004)
      const left = db.prepare('SELECT COUNT(*) FROM name_word_backfill').pluck()
      expect(left.get()).toBe(0)
      // A crash after the page up to 'Person 5': the rest is indexed at the next open.
      db.prepare("DELETE FROM name_word WHERE name > 'Person 5'").run()
      db.prepare("INSERT INTO name_word_backfill (after_name) VALUES ('Person 5')").run()
    } finally {
      db.close()
    }
    const reopened = openDb(dir)
    try {
      const words = reopened.prepare('SELECT COUNT(*) FROM name_word').pluck()
      expect(words.get()).toBe(10_004 * 2 + 2 + 2)
      expect(namesWith(reopened, 'zoe')).toEqual(['Zoë Åström'])
    } finally {
      reopened.close()
    }
  })
})

describe('drill-down search on a bulk-loaded campaign (the demo generator)', () => {
  const tempDir = useTempDirs()

  it('finds exactly the recipients whose name or phone matches, as a full scan would', async () => {
    const dir = tempDir()
    const db = openDb(dir)
    const { campaignId } = generateDemoCampaign(createDemoStore(db), { recipients: 4000, seed: 5 })
    // What each search must find, by reading every failed row with its contact's name.
    const failed = db
      .prepare<[string], { phone: string; name: string }>(
        `SELECT m.phone, c.name FROM message m JOIN contact c ON c.id = m.contact_id
         WHERE m.campaign_id = ? AND m.dispatch_state = 'sent' AND m.status = 'failed'`
      )
      .all(campaignId)
    db.close()
    const t = await startTestEngine(dir)
    try {
      const found = async (search: string) => {
        const r = await t.call('stats.errorRecipients', {
          campaignId,
          kind: 'delivery',
          search,
          limit: 500
        })
        return [r.total, r.rows.map((row) => row.phone).sort()]
      }
      const expected = (keep: (r: { phone: string; name: string }) => boolean) => {
        const phones = failed.filter(keep).map((r) => r.phone)
        return [phones.length, phones.sort()]
      }
      expect(failed.length).toBeGreaterThan(100)
      expect(await found('Patel')).toEqual(expected((r) => / Patel$/.test(r.name)))
      expect(await found('priya pa')).toEqual(expected((r) => r.name === 'Priya Patel'))
      const prefix = expected((r) => r.phone.startsWith('+917200001'))
      expect(prefix[0]).toBeGreaterThan(0)
      expect(await found('+917200001')).toEqual(prefix)
      expect(await found('0001')).toEqual(expected((r) => r.phone.includes('0001')))
    } finally {
      await t.engine.close()
    }
  })
})

describe('name words', () => {
  // The general rule, without the ASCII shortcut nameWords takes: the oracle for it.
  const general = (text: string): string[] => [
    ...new Set(
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .normalize('NFC')
        .split(/[^\p{L}\p{N}\p{M}]+/u)
        .filter(Boolean)
    )
  ]

  it('folds printable ASCII names exactly as the general Unicode rule does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
        expect(nameWords(text)).toEqual(general(text))
      }),
      { seed: 11, numRuns: 2000 }
    )
  })

  it('splits, folds and deduplicates names of every script', () => {
    expect(nameWords("Aoife O'Brien-Smith")).toEqual(['aoife', 'o', 'brien', 'smith'])
    expect(nameWords('ÇELİK Ünal')).toEqual(['celik', 'unal'])
    expect(nameWords('ИРИНА ирина')).toEqual(['ирина'])
    expect(nameWords('प्रिया शर्मा')).toEqual(['प्रिया', 'शर्मा'])
    expect(nameWords('  ')).toEqual([])
  })
})
