import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateDemoCampaign, openBenchEngine } from './lib/engine'

const RECIPIENTS = Number(process.env.EXPORT_BENCH_RECIPIENTS ?? 1_000_000)
const MB = 1024 * 1024

export default {
  name: 'export',
  description: `recipients CSV of a ${RECIPIENTS.toLocaleString('en-US')}-recipient generated campaign (targets ≤ 10 s, ≤ 250 MB resident)`,
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-export-'))
    try {
      // The generator runs in its own process (npm run demo), so this process's memory is the
      // engine's alone: open the data file, answer stats, export.
      const generated = generateDemoCampaign(dir, RECIPIENTS)
      const campaignId = generated.campaignId
      console.log(`generated in ${generated.seconds.toFixed(1)} s`)

      const engine = await openBenchEngine(dir)
      // The operator has the stats open before exporting: the summary is warm.
      const summary = await engine.invoke('stats.summary', { campaignId })
      if (!summary.ok) throw new Error(summary.error.message)
      const baseline = process.memoryUsage().rss
      let peak = baseline
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }, 50)
      const path = join(dir, 'recipients.csv')
      const cpu = process.cpuUsage()
      const started = performance.now()
      const result = await engine.invoke('reports.export', {
        campaignId,
        format: 'csv',
        kind: 'recipients',
        path
      })
      const seconds = (performance.now() - started) / 1000
      const used = process.cpuUsage(cpu)
      clearInterval(sampler)
      peak = Math.max(peak, process.memoryUsage().rss)
      await engine.close()
      if (!result.ok) throw new Error(result.error.message)
      const bytes = statSync(path).size
      const cpuSeconds = (used.user + used.system) / 1e6
      console.log(
        `rows: ${RECIPIENTS}  seconds: ${seconds.toFixed(2)}  cpu seconds: ${cpuSeconds.toFixed(2)}  rows/s: ${Math.round(RECIPIENTS / seconds)}  file: ${(bytes / MB).toFixed(1)} MB`
      )
      console.log(
        `resident: engine before ${(baseline / MB).toFixed(0)} MB, peak during export ${(peak / MB).toFixed(0)} MB (sampled every 50 ms)`
      )
      console.log(`target ≤ 10 s: ${seconds <= 10 ? 'met' : 'MISSED'}`)
      console.log(`target ≤ 250 MB resident: ${peak <= 250 * MB ? 'met' : 'MISSED'}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
