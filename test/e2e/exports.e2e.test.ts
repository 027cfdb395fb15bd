import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../helpers/demoCampaign'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'exports-e2e-token'
const RECIPIENTS = 3000

const tempDir = useTempDirs()
const session = useUiSession()

describe('export buttons in the browser (headless serve)', { timeout: 180_000 }, () => {
  it('downloads the recipients CSV and the PDF report from the stats page', async () => {
    const dir = tempDir()
    const dataDir = join(dir, 'data')
    const campaignId = generateDemo(dataDir, RECIPIENTS)
    const serve = await session.serve(
      ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo'],
      {
        TICKBOARD_API_TOKEN: TOKEN
      }
    )
    const ui = await session.openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-campaigns').click()
    await page.getByTestId(`campaign-row-${campaignId}`).getByRole('button').first().click()
    await page.getByTestId('export-buttons').waitFor()

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-recipients').click()
    ])
    const csvPath = join(dir, 'recipients.csv')
    await csv.saveAs(csvPath)
    expect(csv.suggestedFilename()).toMatch(/-recipients\.csv$/)
    const text = readFileSync(csvPath, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = parse(text.slice(1)) as string[][]
    expect(rows.length - 1).toBe(RECIPIENTS)
    await expect.poll(() => page.getByTestId('export-message').textContent()).toMatch(/Downloading/)
    // The normal file keeps the formula guard on phones (a leading ' before the +).
    const phones = rows.slice(1).map((r) => r[0]!)
    expect(phones.every((p) => /^'\+[1-9][0-9]{6,14}$/.test(p))).toBe(true)

    // The re-import file: the same rows, phones as plain E.164.
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-recipients-reimport').click()
    ])
    const againPath = join(dir, 'recipients-reimport.csv')
    await again.saveAs(againPath)
    expect(again.suggestedFilename()).toMatch(/-recipients-reimport\.csv$/)
    const plain = parse(readFileSync(againPath, 'utf8').slice(1)) as string[][]
    expect(plain[0]).toEqual(rows[0])
    expect(plain.slice(1).map((r) => r[0])).toEqual(phones.map((p) => p.slice(1)))
    expect(plain.slice(1).map((r) => r.slice(1))).toEqual(rows.slice(1).map((r) => r.slice(1)))

    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId('export-pdf').click()
    ])
    const pdfPath = join(dir, 'report.pdf')
    await pdf.saveAs(pdfPath)
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-')
    const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })
    expect(pdfText).toContain('Methodology')
    expect(ui.errors).toEqual([])
  })
})
