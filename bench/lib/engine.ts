import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import type { Engine } from '../../src/main/engine/createEngine'
import { startTestEngine } from '../../test/helpers/engine'

/** The engine a bench measures: the tests' engine set-up (own data folder, HTTP transport, quiet). */
export async function openBenchEngine(dataDir: string): Promise<Engine> {
  return (await startTestEngine(dataDir)).engine
}

/**
 * Writes a completed campaign with the generator operators run (`npm run demo`, the built
 * demo.js beside bench.js), in its own process so the bench's memory is the engine's alone.
 */
export function generateDemoCampaign(
  dataDir: string,
  recipients: number
): { campaignId: string; seconds: number } {
  const demo = join(dirname(process.argv[1]!), 'demo.js')
  const started = performance.now()
  const gen = spawnSync(
    process.execPath,
    [demo, '--data-dir', dataDir, '--recipients', String(recipients)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 1_800_000 }
  )
  if (gen.status !== 0) throw new Error(`demo generator failed: ${gen.stderr || gen.error}`)
  return {
    campaignId: gen.stdout.trim().split('\n').at(-1)!.trim(),
    seconds: (performance.now() - started) / 1000
  }
}
