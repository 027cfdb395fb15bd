import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { STAT_DEFINITIONS } from '../../../src/shared/domain/statDefinitions'
import { VERDICT_TEXT } from '../../../src/shared/domain/statsView'
import { formatReportValue, summaryLines } from '../../../src/shared/ipc/routes/reports'
import { startPrintServer } from '../../../src/main/reports/pdf/printServer'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { seedCampaign } from './seedCampaign'

const tempDir = useTempDirs()
let open: TestEngine | null = null
afterEach(async () => {
  await open?.engine.close()
  open = null
})

async function engineWithCampaign(audience?: Parameters<typeof seedCampaign>[1]['audience']) {
  const dir = tempDir()
  open = await startTestEngine(join(dir, 'data'), { rendererDir: resolve('out/renderer') })
  const seeded = seedCampaign(open.engine.db, {
    recipients: 700,
    stepMs: 10 * 60_000,
    campaignName: 'Diwali offer 2026',
    audience
  })
  return { dir, ...open, ...seeded }
}

const flat = (text: string): string => text.replace(/\s+/g, ' ')
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

interface Word {
  page: number
  text: string
  yMin: number
  yMax: number
}

/** Words with their boxes (PDF points), from `pdftotext -bbox`. */
function wordsOf(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
  const words: Word[] = []
  let page = 0
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++
    const m = /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</.exec(line)
    if (m) words.push({ page, yMin: Number(m[1]), yMax: Number(m[2]), text: m[3]! })
  }
  return words
}

/** Share of non-white pixels in a horizontal band of one page, rendered at 72 dpi in grey. */
function inkShare(pdf: string, dir: string, page: number, top: number, bottom: number): number {
  const prefix = join(dir, `band-${page}`)
  execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', `${page}`, '-l', `${page}`, pdf, prefix])
  const file = execFileSync('sh', ['-c', `ls ${prefix}*.pgm`], { encoding: 'utf8' }).trim()
  const pgm = readFileSync(file)
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'))!
  const width = Number(header[1])
  const pixels = pgm.subarray(header[0].length)
  let ink = 0
  let total = 0
  for (let y = Math.ceil(top); y < Math.floor(bottom); y++)
    for (let x = 0; x < width; x++, total++) if (pixels[y * width + x]! < 200) ink++
  return total ? ink / total : 0
}

/** The band between a heading and the next text below it, where a chart alone is drawn. */
function chartBand(words: Word[], heading: string[], after: string[]) {
  const at = words.findIndex((_, i) => heading.every((h, k) => words[i + k]?.text === h))
  expect(at, `heading ${heading.join(' ')}`).toBeGreaterThanOrEqual(0)
  const head = words[at + heading.length - 1]!
  const end = words.findIndex((w, i) => i > at && after.every((h, k) => words[i + k]?.text === h))
  expect(end, `text after ${heading.join(' ')}`).toBeGreaterThan(at)
  // The next section may start on the next page (sections do not break inside): the band then
  // runs to the bottom of the A4 page (842 pt), still on the heading's page.
  expect(words[end]!.page).toBeGreaterThanOrEqual(head.page)
  const bottom = words[end]!.page === head.page ? words[end]!.yMin - 6 : 842 - 36
  return { page: head.page, top: head.yMax + 6, bottom }
}

describe('reports.export pdf', { timeout: 120_000 }, () => {
  it('prints the name, every stat with its value, the definitions and drawn charts', async () => {
    const { dir, call, campaignId } = await engineWithCampaign()
    const path = join(dir, 'report.pdf')
    const out = await call('reports.export', { campaignId, format: 'pdf', path })
    expect(out.bytes).toBe(readFileSync(path).length)
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    const text = flat(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }))
    expect(text).toContain('Diwali offer 2026')
    const summary = await call('stats.summary', { campaignId })
    for (const line of summaryLines(summary))
      expect(text).toMatch(
        new RegExp(
          `${escape(line.label)} ${escape(line.stat === 'conversion.verdict' ? VERDICT_TEXT[summary.conversion.verdict].title : formatReportValue(line.value))}`
        )
      )
    for (const d of STAT_DEFINITIONS) expect(text).toContain(flat(d.definition))
    expect(text).toContain('Methodology')
    // The provider's own numbers: the Sandbox keeps none, and the report says so.
    expect(text).toMatch(/The provider.s own numbers/)
    expect(text).toContain('This provider keeps no records Tickboard can read')
    // Cost and return, estimated for the Sandbox (it reports no prices), with its definitions.
    expect(text).toContain('Cost and return')
    expect(text).toContain('Estimated')

    const words = wordsOf(path)
    const trend = chartBand(words, ['Message', 'trend'], ['Counted', 'by'])
    expect(inkShare(path, dir, trend.page, trend.top, trend.bottom)).toBeGreaterThan(0.01)
    const funnel = chartBand(
      words,
      ['Users', 'conversion', 'funnel'],
      ['Conversion', 'performance']
    )
    expect(inkShare(path, dir, funnel.page, funnel.top, funnel.bottom)).toBeGreaterThan(0.01)
  })

  it('leads with the result on page 1, in words: labels, the audience, one date format', async () => {
    const { dir, call, campaignId } = await engineWithCampaign({
      filter: [
        { property: 'city', op: 'eq', value: 'Pune' },
        { property: 'plan', op: 'eq', value: 'gold' }
      ]
    })
    const path = join(dir, 'result.pdf')
    await call('reports.export', { campaignId, format: 'pdf', path })
    const page1 = flat(
      execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' })
    )
    const summary = await call('stats.summary', { campaignId })
    // The result first: its heading, the headline numbers and the verdict before any setting.
    const result = page1.indexOf('Result')
    expect(result).toBeGreaterThan(page1.indexOf('Diwali offer 2026'))
    expect(result).toBeLessThan(page1.indexOf('Campaign settings'))
    expect(page1).toMatch(/Sent Delivered Read Converted/)
    expect(page1).toContain(summary.sent.toLocaleString('en-US'))
    expect(page1).toContain(
      `Against the control group: ${VERDICT_TEXT[summary.conversion.verdict].title}.`
    )
    expect(page1.indexOf('Against the control group')).toBeLessThan(
      page1.indexOf('Campaign settings')
    )
    expect(page1).toContain('Incremental revenue')
    // The audience in words, the status and provider by label.
    const text = flat(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }))
    expect(text).toContain('Audience city is Pune and plan is gold (values match in any case)')
    expect(text).toMatch(/Status Completed/)
    // No internal keys anywhere: not a summary key, not a verdict or an op code.
    for (const line of summaryLines(summary))
      if (line.stat.includes('.')) expect(text).not.toContain(line.stat)
    expect(text).not.toMatch(/not_enough_data|invalid_request|rate_limited|campaign_limit| eq Pune/)
    expect(text).toContain('131026') // the provider's own code stays: its support asks for it
    // One date format: no ISO or slashed dates, the generated, created and launched times alike.
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/)
    const dates =
      text.match(/\b(?:\d{1,2} [A-Z][a-z]{2,3} \d{4}|[A-Z][a-z]{2} \d{1,2}, \d{4})\b/g) ?? []
    expect(dates.length).toBeGreaterThanOrEqual(4)
    const styles = new Set(dates.map((d) => (/^\d/.test(d) ? 'day-first' : 'month-first')))
    expect(styles.size).toBe(1)
  })

  it('prints Letter paper when asked', async () => {
    const { dir, call, campaignId } = await engineWithCampaign()
    const path = join(dir, 'letter.pdf')
    await call('reports.export', { campaignId, format: 'pdf', path, paper: 'Letter' })
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+612 x 792 pts/)
  })

  it('serves only read-only routes, and only with its token', async () => {
    const { engine, campaignId } = await engineWithCampaign()
    const server = await startPrintServer(engine.kernel, engine.services.reportSources.printRoute)
    try {
      const url = new URL(server.pageUrl(campaignId, 'A4'))
      const token = /token=([^&]+)/.exec(url.hash)![1]!
      const post = (route: string, auth?: string) =>
        fetch(new URL(`/api/${route}`, url.origin), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: JSON.stringify(route === 'campaigns.cancel' ? { id: campaignId } : { campaignId })
        })
      expect((await post('stats.summary', `Bearer ${token}`)).status).toBe(200)
      expect((await post('stats.summary')).status).toBe(401)
      expect((await post('stats.summary', 'Bearer wrong')).status).toBe(401)
      expect((await post('campaigns.cancel', `Bearer ${token}`)).status).toBe(404)
      expect((await fetch(url.origin + '/')).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})
