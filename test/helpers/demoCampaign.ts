import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

/** Runs the built `npm run demo` generator into `dataDir`; returns the campaign id it printed. */
export function generateDemo(dataDir: string, recipients: number): string {
  const out = execFileSync(
    process.execPath,
    [resolve('out/main/demo.js'), '--data-dir', dataDir, '--recipients', String(recipients)],
    { encoding: 'utf8', timeout: 120_000 }
  )
  return out.trim().split('\n').at(-1)!.trim()
}
