import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine } from '../src/main/engine/createEngine'
import { createKeyFileSecretBox } from '../src/main/secrets/secretBox'
import { seedCampaign } from '../test/main/reports/seedCampaign'

const RECIPIENTS = Number(process.env.EXPORT_BENCH_RECIPIENTS ?? 1_000_000)
const MB = 1024 * 1024

function open(dir: string) {
  return createEngine({
    dataDir: dir,
    transport: 'http',
    publicUrl: null,
    seedDemo: false,
    hooksPort: 0,
    secrets: createKeyFileSecretBox,
    log: () => undefined
  })
}

export default {
  name: 'export',
  description: `recipients CSV of a ${RECIPIENTS.toLocaleString('en-US')}-recipient campaign (targets ≤ 10 s, ≤ 250 MB resident)`,
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-export-'))
    try {
      // Generate the campaign with one engine, then export from a fresh one so the export's
      // memory is not mixed with the generator's.
      let started = performance.now()
      const seeder = await open(dir)
      const { campaignId } = seedCampaign(seeder.ctx.db, {
        recipients: RECIPIENTS,
        suspendStats: true
      })
      const opened = await seeder.invoke('stats.summary', { campaignId })
      if (!opened.ok) throw new Error(opened.error.message)
      await seeder.close()
      console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)

      const engine = await open(dir)
      // The operator has the stats open before exporting: the summary is warm.
      const summary = await engine.invoke('stats.summary', { campaignId })
      if (!summary.ok) throw new Error(summary.error.message)
      const baseline = process.memoryUsage().rss
      let peak = baseline
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }, 50)
      const path = join(dir, 'recipients.csv')
      started = performance.now()
      const result = await engine.invoke('reports.export', {
        campaignId,
        format: 'csv',
        kind: 'recipients',
        path
      })
      const seconds = (performance.now() - started) / 1000
      clearInterval(sampler)
      peak = Math.max(peak, process.memoryUsage().rss)
      await engine.close()
      if (!result.ok) throw new Error(result.error.message)
      const bytes = statSync(path).size
      console.log(
        `rows: ${RECIPIENTS}  seconds: ${seconds.toFixed(2)}  rows/s: ${Math.round(RECIPIENTS / seconds)}  file: ${(bytes / MB).toFixed(1)} MB`
      )
      console.log(
        `resident: before ${(baseline / MB).toFixed(0)} MB, peak during export ${(peak / MB).toFixed(0)} MB`
      )
      console.log(`target ≤ 10 s: ${seconds <= 10 ? 'met' : 'MISSED'}`)
      console.log(`target ≤ 250 MB resident: ${peak <= 250 * MB ? 'met' : 'MISSED'}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
