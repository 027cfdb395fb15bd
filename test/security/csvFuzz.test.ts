import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/engine/createEngine'
import { startTestEngine } from '../helpers/engine'
import { useTempDirs } from '../helpers/tempDir'

/**
 * The CSV importers against hostile files: an import either answers with counts and line-numbered
 * rejections, or rejects the whole file with a clear reason; what it reports is exactly what
 * changed in the database. Seeded and bounded.
 */
const SEED = 7_2026
const RUNS = 60

type ImportResult = {
  imported: number
  updated?: number
  rejected: { line: number; reason: string }[]
}

async function totals(engine: Engine): Promise<{ contacts: number; events: number }> {
  const contacts = await engine.invoke('contacts.list', { limit: 1 })
  const events = await engine.invoke('events.summary', {})
  if (!contacts.ok || !events.ok) throw new Error('cannot read totals')
  const summary = events.data as { events: { count: number }[] }
  return {
    contacts: (contacts.data as { total: number }).total,
    events: summary.events.reduce((n, e) => n + e.count, 0)
  }
}

function expectClearReport(result: ImportResult, lines: number): void {
  // csv-parse counts CRLF inside an unclosed quote twice, so a syntax error's line can run past
  // the end of the file (up to twice the line count); row rejections are exact.
  for (const r of result.rejected) {
    expect(Number.isInteger(r.line) && r.line >= 1 && r.line <= 2 * lines + 1).toBe(true)
    expect(r.reason.length).toBeGreaterThan(5)
  }
}

const row = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.string({ maxLength: 12 }))
  .map(([n, name]) => `+9198765${String(n).padStart(5, '0')},${name}`)

/** Damage applied to a valid file: the things real exports and hostile files contain. */
const damage = fc.constantFrom(
  (t: string) => t.replace(/,/, ',"'), // an unclosed quote
  (t: string) => t.replace(/\n/g, '\r\n'),
  (t: string) => t.replace(/\n/g, '\r'),
  (t: string) => `\ufeff${t}`,
  (t: string) => t.slice(0, Math.floor(t.length / 2)), // cut mid-row
  (t: string) => t.replace(/n/g, '\u0000'),
  (t: string) => t.replace(/9/, '\ufffd'),
  (t: string) => t.replace(/\n/, '\n"a""b",c,"d\n'),
  (t: string) => t.replace(/,/g, ';'),
  (t: string) => t + ',,,,\n"",""\n',
  (t: string) => t
)

const hostileCsv = (header: string) =>
  fc
    .tuple(
      fc.array(row, { maxLength: 30 }),
      fc.array(damage, { maxLength: 3 }),
      fc.string({ maxLength: 20, unit: 'binary' })
    )
    .map(([rows, edits, noise]) => {
      let text = `${header}\n${rows.join('\n')}\n`
      for (const edit of edits) text = edit(text)
      // Some files also end in arbitrary bytes.
      return noise.length % 3 === 0 ? text + noise : text
    })

describe('CSV importers under hostile files', () => {
  const tempDir = useTempDirs()

  it('contacts.import: counts match the database, rejections are line-numbered', async () => {
    const { engine } = await startTestEngine(tempDir())
    try {
      await fc.assert(
        fc.asyncProperty(hostileCsv('phone,name'), async (csv) => {
          const before = await totals(engine)
          const res = await engine.invoke('contacts.import', { csv })
          expect(res.ok).toBe(true)
          const data = (res as { data: ImportResult }).data
          expectClearReport(data, csv.split(/\r\n|\r|\n/).length)
          const after = await totals(engine)
          expect(after.contacts - before.contacts).toBe(data.imported)
        }),
        { seed: SEED, numRuns: RUNS }
      )
      const phones = engine.db.prepare('SELECT phone FROM contact').pluck().all() as string[]
      for (const phone of phones) expect(phone).toMatch(/^\+\d{8,15}$/)
    } finally {
      await engine.close()
    }
  })

  it('events.import: counts match the database, rejections are line-numbered', async () => {
    const { engine } = await startTestEngine(tempDir())
    try {
      await engine.invoke('contacts.import', {
        csv: `phone\n${Array.from({ length: 200 }, (_, i) => `+9198765${String(i * 500).padStart(5, '0')}`).join('\n')}\n`
      })
      const event = fc
        .tuple(
          fc.integer({ min: 0, max: 199 }),
          fc.constantFrom('purchase', 'visit', ''),
          fc.integer({ min: 0, max: 2e9 })
        )
        .map(([i, name, t]) => `+9198765${String(i * 500).padStart(5, '0')},${name},${t}`)
      const csvs = fc
        .tuple(fc.array(event, { maxLength: 30 }), fc.array(damage, { maxLength: 3 }))
        .map(([rows, edits]) =>
          edits.reduce((t, e) => e(t), `phone,event,time\n${rows.join('\n')}\n`)
        )
      await fc.assert(
        fc.asyncProperty(csvs, async (csv) => {
          const before = await totals(engine)
          const res = await engine.invoke('events.import', { csv })
          expect(res.ok).toBe(true)
          const data = (res as { data: ImportResult }).data
          expectClearReport(data, csv.split(/\r\n|\r|\n/).length)
          const after = await totals(engine)
          expect(after.events - before.events).toBe(data.imported)
          expect(after.contacts).toBe(before.contacts)
        }),
        { seed: SEED, numRuns: RUNS }
      )
    } finally {
      await engine.close()
    }
  })

  it('refuses UTF-16, Latin-1, binary and over-long lines with the reason, importing nothing', async () => {
    const { engine } = await startTestEngine(tempDir())
    try {
      const good = 'phone,name\n+919876500001,Åsa Ñúñez\n+919876500002,Bo\n'
      const utf16 = Buffer.from(`\ufeff${good}`, 'utf16le')
      const cases: [string, string, RegExp][] = [
        ['UTF-16LE', utf16.toString('utf8'), /UTF-16/],
        ['UTF-16BE', Buffer.from(utf16).swap16().toString('utf8'), /UTF-16/],
        [
          'Latin-1',
          Buffer.from(good, 'latin1').toString('utf8'),
          /not valid UTF-8.*line 2.*CSV UTF-8/
        ],
        [
          'binary',
          Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)).toString('utf8'),
          /binary|UTF-16|UTF-8/
        ],
        ['NUL in a cell', 'phone,name\n+919876500001,A\u0000B\n', /binary data.*line 2/],
        ['huge line', `phone,name\n+919876500001,${'x'.repeat(1_100_000)}\n`, /Max Record Size/],
        ['no phone column', 'mobile,name\n+919876500001,A\n', /no "phone" column/],
        [
          'unclosed quote',
          'phone,name\n"+919876500001,A\n+919876500002,B\n',
          /quoted cell that starts on this line is never closed/
        ]
      ]
      for (const [what, csv, reason] of cases) {
        const before = await totals(engine)
        const res = await engine.invoke('contacts.import', { csv })
        expect(res.ok, what).toBe(true)
        const data = (res as { data: ImportResult }).data
        expect(data.imported, what).toBe(0)
        expect(data.rejected.map((r) => r.reason).join(' | '), what).toMatch(reason)
        expect((await totals(engine)).contacts, what).toBe(before.contacts)
        const events = await engine.invoke('events.import', {
          csv: csv.replace('phone,name', 'phone,event,time')
        })
        expect(events.ok && (events.data as ImportResult).imported, what).toBe(0)
      }
      // A UTF-8 BOM is not a problem: the same file imports cleanly.
      const bom = await engine.invoke('contacts.import', { csv: `\ufeff${good}` })
      expect(bom).toMatchObject({ ok: true, data: { imported: 2, rejected: [] } })
      const names = engine.db.prepare('SELECT name FROM contact ORDER BY phone').pluck().all()
      expect(names).toEqual(['Åsa Ñúñez', 'Bo'])
    } finally {
      await engine.close()
    }
  })
})
