import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createEngine } from '../src/main/engine/createEngine'
import { createKeyFileSecretBox } from '../src/main/secrets/secretBox'

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
      let started = performance.now()
      const demo = join(dirname(process.argv[1]!), 'demo.js')
      const out = execFileSync(
        process.execPath,
        [demo, '--data-dir', dir, '--recipients', String(RECIPIENTS)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 1_800_000 }
      )
      const campaignId = out.trim().split('\n').at(-1)!.trim()
      console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)

      const engine = await createEngine({
        dataDir: dir,
        transport: 'http',
        publicUrl: null,
        seedDemo: false,
        hooksPort: 0,
        secrets: createKeyFileSecretBox,
        log: () => undefined
      })
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
      started = performance.now()
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
