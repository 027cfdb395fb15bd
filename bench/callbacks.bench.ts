import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error autocannon ships no type declarations; the few fields used are typed below.
import autocannonUntyped from 'autocannon'
import { openDb } from '../src/main/db/openDb'
import { seedCampaign } from '../test/helpers/seedCampaign'
import { benchApiHeaders, startChild, stopChildren } from './lib/children'
import { signAll, type Signed } from './lib/metaCallbacks'

interface Histogram {
  average: number
  total: number
  p50: number
  p99: number
}
interface LoadResult {
  requests: Histogram
  latency: Histogram
  duration: number
  errors: number
  non2xx: number
  '2xx': number
}
const autocannon = autocannonUntyped as (options: Record<string, unknown>) => Promise<LoadResult>

const CONNECTIONS = 50
const SECONDS = Number(process.env.CALLBACKS_BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.CALLBACKS_BENCH_ROUNDS ?? 3)
const FIXED_RATE = 2000
const MESSAGES = 100_000
const APP_SECRET = 'bench-app-secret'

// The reference: node:http that reads the body and answers 200, in its own process like serve.
const NOOP_SERVER = `
const http = require('node:http')
const s = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, {'content-type': 'application/json'}); res.end('{"ok":true}') }) })
s.keepAliveTimeout = 65000
s.listen(0, '127.0.0.1', () => console.log('hooks: http://127.0.0.1:' + s.address().port))`

/** CPU time (user + system) a process has used so far, from /proc (Linux), in ms. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return NaN
  }
}

async function load(
  url: string,
  path: string,
  signed: Signed[],
  cursor: { i: number },
  rate?: number
) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          ...signed[cursor.i++ % signed.length]
        })
      }
    ],
    ...(rate ? { overallRate: rate } : {})
  })
}

export default {
  name: 'callbacks',
  description:
    'signed Meta status callbacks into the hooks port vs a no-op node:http server (targets ≥ 25% req/s, p99 < 50 ms at 2,000 req/s, 0 non-2xx, every ack stored)',
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-callbacks-'))
    const servePath = fileURLToPath(new URL('./serve.js', import.meta.url))
    const children: ChildProcess[] = []
    try {
      const noop = await startChild(['-e', NOOP_SERVER])
      children.push(noop.child)
      const serve = await startChild([
        // Profile the engine under this load with BENCH_SERVE_NODE_ARGS (bench/lib/children.ts).
        servePath,
        '--data-dir',
        dir,
        '--port',
        '0',
        '--hooks-port',
        '0'
      ])
      children.push(serve.child)
      const created = await fetch(`${serve.lines.api}/api/providers.create`, {
        method: 'POST',
        headers: benchApiHeaders,
        body: JSON.stringify({
          type: 'meta',
          name: 'Bench',
          config: { phoneNumberId: '1', accessToken: 'x', appSecret: APP_SECRET, verifyToken: 'v' }
        })
      })
      const provider = (await created.json()) as { id: string; callbackPath: string }
      const db = openDb(dir)
      const { messages } = seedCampaign(db, {
        providerId: provider.id,
        count: MESSAGES,
        sentAt: Date.UTC(2026, 10, 1)
      })
      const signed = signAll(
        APP_SECRET,
        messages.map((m) => m.providerMessageId!),
        messages.map((m) => m.phone.slice(1))
      )
      const cursor = { i: 0 }

      // Alternate the two servers for a few rounds: on a shared machine the background load
      // changes from second to second, and alternating exposes both to the same conditions.
      const rounds: { base: number; ours: number }[] = []
      let acked = 0
      let non2xx = 0
      for (let r = 0; r < ROUNDS; r++) {
        const cpuNoop = cpuMs(noop.child.pid!)
        const base = await load(noop.lines.hooks!, provider.callbackPath, signed, { i: 0 })
        const usedNoop = cpuMs(noop.child.pid!) - cpuNoop
        const cpuServe = cpuMs(serve.child.pid!)
        const ours = await load(serve.lines.hooks!, provider.callbackPath, signed, cursor)
        const usedServe = cpuMs(serve.child.pid!) - cpuServe
        acked += ours['2xx']
        non2xx += ours.non2xx + ours.errors
        rounds.push({ base: base.requests.average, ours: ours.requests.average })
        console.log(
          `round ${r + 1}: no-op ${base.requests.average.toFixed(0)} req/s (p99 ${base.latency.p99} ms), hooks ${ours.requests.average.toFixed(0)} req/s (p99 ${ours.latency.p99} ms), ratio ${((100 * ours.requests.average) / base.requests.average).toFixed(1)}%; server CPU per request: no-op ${((1000 * usedNoop) / base.requests.total).toFixed(0)} µs, hooks ${((1000 * usedServe) / ours.requests.total).toFixed(0)} µs`
        )
      }
      const backlog = db.prepare(
        'SELECT COUNT(*) AS n FROM callback_inbox WHERE processed_at IS NULL'
      )
      console.log(
        `inbox rows not yet applied before the fixed-rate run: ${(backlog.get() as { n: number }).n}`
      )
      const fixed = await load(
        serve.lines.hooks!,
        provider.callbackPath,
        signed,
        cursor,
        FIXED_RATE
      )
      // Applying runs after the answers: from here the hooks get no load, the backlog drains.
      const drainStart = performance.now()
      const leftAtStop = (backlog.get() as { n: number }).n
      const drained = (async () => {
        while ((backlog.get() as { n: number }).n > 0) {
          if (performance.now() - drainStart > 120_000) return null
          await new Promise((r) => setTimeout(r, 50))
        }
        return (performance.now() - drainStart) / 1000
      })()
      // The same fixed rate against the no-op server: the floor this machine allows right now.
      const floor = await load(
        noop.lines.hooks!,
        provider.callbackPath,
        signed,
        { i: 0 },
        FIXED_RATE
      )
      acked += fixed['2xx']
      non2xx += fixed.non2xx + fixed.errors
      // Let the last group commit land, then count the inbox (acks are only sent after commit).
      await new Promise((r) => setTimeout(r, 200))
      const stored = (db.prepare('SELECT COUNT(*) AS n FROM callback_inbox').get() as { n: number })
        .n
      const drainSeconds = await drained
      db.close()

      const sum = (k: 'base' | 'ours') => rounds.reduce((a, r) => a + r[k], 0)
      const ratio = sum('ours') / sum('base')
      console.log(
        `total: no-op ${(sum('base') / ROUNDS).toFixed(0)} req/s, hooks ${(sum('ours') / ROUNDS).toFixed(0)} req/s`
      )
      console.log(
        `ratio ${(ratio * 100).toFixed(1)}%  (target ≥ 25%: ${ratio >= 0.25 ? 'met' : 'MISSED'})`
      )
      console.log(
        `at ${FIXED_RATE} req/s: sent ${fixed.requests.total} in ${fixed.duration}s, p50 ${fixed.latency.p50} ms, p99 ${fixed.latency.p99} ms  (target < 50 ms: ${fixed.latency.p99 < 50 ? 'met' : 'MISSED'})`
      )
      console.log(
        `no-op at ${FIXED_RATE} req/s (machine floor): p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms`
      )
      console.log(
        `applying after the answers: ${leftAtStop} callbacks pending when the load stopped, all applied ${drainSeconds === null ? 'NOT within 120 s' : `${drainSeconds.toFixed(1)} s later`}`
      )
      console.log(`non-2xx + errors: ${non2xx}  (target 0: ${non2xx === 0 ? 'met' : 'MISSED'})`)
      console.log(
        `acknowledged ${acked}, stored in inbox ${stored}  (every ack stored: ${stored >= acked ? 'met' : 'MISSED'})`
      )
    } finally {
      // Wait for clean exits (serve closes its engine) before removing the data dir.
      await stopChildren(children)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
