import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateDemoCampaign, openBenchEngine } from './lib/engine'
import { measure, median } from './lib/timing'

const RECIPIENTS = Number(process.env.BENCH_STATS_RECIPIENTS ?? 1_000_000)
const CALLS = Number(process.env.BENCH_STATS_CPU_CALLS ?? 5_000)
const ROUNDS = Number(process.env.BENCH_STATS_CPU_ROUNDS ?? 3)
/** A folder to keep the generated campaign in between runs (generated there once); else a temp one. */
const KEEP_DIR = process.env.BENCH_STATS_CPU_DIR
/** Only the cases whose label contains this text (e.g. `summary` for a profile of it alone). */
const ONLY = process.env.BENCH_STATS_CPU_ONLY ?? ''

type Call = () => Promise<unknown>

/** Process CPU (user + system) per call over `CALLS` calls, in microseconds, after 200 warm-ups. */
async function cpuPerCall(call: Call): Promise<number> {
  for (let i = 0; i < 200; i++) await call()
  const before = process.cpuUsage()
  for (let i = 0; i < CALLS; i++) await call()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / CALLS
}

/** Generates the campaign into `dir` unless an earlier run left one there; returns its id. */
function campaignIn(dir: string): string {
  const idFile = join(dir, 'bench-campaign-id')
  if (existsSync(idFile)) return readFileSync(idFile, 'utf8').trim()
  const { campaignId, seconds } = generateDemoCampaign(dir, RECIPIENTS)
  console.log(`generate ${RECIPIENTS} recipients: ${seconds.toFixed(1)} s`)
  writeFileSync(idFile, campaignId)
  return campaignId
}

/**
 * Per-call CPU of the sub-millisecond stats reads, through the engine's invoker (validation,
 * audit, result wrapping) and through the stats service directly: a median of sub-millisecond
 * wall times moves with the machine's load, CPU per call much less. Built to compare two builds
 * (run each build's `node out/main/bench.js statsCpu`, alternating); `BENCH_STATS_CPU_CALLS=20000
 * node --cpu-prof out/main/bench.js statsCpu` profiles the same loop.
 */
export default {
  name: 'statsCpu',
  description: `CPU µs per call of stats.summary and drill-down page 1, ${CALLS} calls × ${ROUNDS} rounds, ${RECIPIENTS.toLocaleString('en')} recipients`,
  async run(): Promise<void> {
    if (KEEP_DIR) mkdirSync(KEEP_DIR, { recursive: true })
    const dir = KEEP_DIR ?? mkdtempSync(join(tmpdir(), 'tickboard-bench-statscpu-'))
    try {
      const campaignId = campaignIn(dir)
      const engine = await openBenchEngine(dir)
      try {
        const { stats } = engine.services
        const all = { campaignId, kind: 'delivery' as const, limit: 50 }
        const one = { ...all, code: '131026' }
        const invoke = (route: string, input: unknown) => async () => {
          const result = await engine.invoke(route, input)
          if (!result.ok) throw new Error(`${route}: ${result.error.message}`)
        }
        const cases = (
          [
            ['stats.summary  (invoke)', invoke('stats.summary', { campaignId })],
            ['stats.summary  (service)', () => stats.summary(campaignId)],
            ['drill-down all codes (invoke)', invoke('stats.errorRecipients', all)],
            ['drill-down all codes (service)', async () => stats.errorRecipients(all)],
            ['drill-down code 131026 (invoke)', invoke('stats.errorRecipients', one)],
            ['drill-down code 131026 (service)', async () => stats.errorRecipients(one)]
          ] as [string, Call][]
        ).filter(([label]) => label.includes(ONLY))
        await invoke('stats.summary', { campaignId })() // counters rebuilt, conversions drained
        // First the `stats` bench's own measure (25 calls after two, code not yet optimised):
        // its sub-millisecond medians are this, and they can move the other way from CPU per
        // call of hot code below.
        for (const [label, route, input] of [
          ['stats.summary', 'stats.summary', { campaignId }],
          ['drill-down all codes', 'stats.errorRecipients', all],
          ['drill-down code 131026', 'stats.errorRecipients', one]
        ] as const) {
          if (!label.includes(ONLY.replace(/ \(.*/, ''))) continue
          const times = await measure(engine, route, input)
          console.log(`${label.padEnd(34)} first calls, wall median ${median(times).toFixed(3)} ms`)
        }
        const results = new Map<string, number[]>(cases.map(([label]) => [label, []]))
        // Rounds interleave the cases, so a burst of load elsewhere spreads over all of them.
        for (let round = 0; round < ROUNDS; round++)
          for (const [label, call] of cases) results.get(label)!.push(await cpuPerCall(call))
        for (const [label, us] of results) {
          // Load elsewhere only adds CPU (cache misses, preemption): the minimum is the steadiest.
          const sorted = [...us].sort((a, b) => a - b)
          console.log(
            `${label.padEnd(34)} CPU/call median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1).padStart(6)} µs  min ${sorted[0]!.toFixed(1).padStart(6)} µs  (rounds: ${us.map((u) => u.toFixed(1)).join(', ')})`
          )
        }
      } finally {
        await engine.close()
      }
    } finally {
      if (!KEEP_DIR) rmSync(dir, { recursive: true, force: true })
    }
  }
}
