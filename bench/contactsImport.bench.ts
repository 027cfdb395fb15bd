import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openBenchEngine } from './lib/engine'

export default {
  name: 'contacts-import',
  description: 'contacts.import of 100,000 CSV rows (target ≤ 10 s)',
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-'))
    const engine = await openBenchEngine(dir)
    try {
      const lines = ['phone,name,city,tier']
      for (let i = 0; i < 100_000; i++) lines.push(`+1212${2_000_000 + i},"Person ${i}",Pune,gold`)
      const csv = lines.join('\n')
      const started = performance.now()
      const result = await engine.invoke('contacts.import', { csv })
      const seconds = (performance.now() - started) / 1000
      if (!result.ok) throw new Error(result.error.message)
      const data = result.data as { imported: number; updated: number }
      console.log(
        `rows: 100000  imported: ${data.imported}  seconds: ${seconds.toFixed(2)}  rows/s: ${Math.round(100_000 / seconds)}`
      )
      console.log(`target ≤ 10 s: ${seconds <= 10 ? 'met' : 'MISSED'}`)
    } finally {
      await engine.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
