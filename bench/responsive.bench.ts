import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildProcess } from 'node:child_process'
import { openDb } from '../src/main/db/openDb'
import { seedCampaign } from '../test/helpers/seedCampaign'
import { benchApiHeaders, startChild, stopChildren } from './lib/children'
import { signAll } from './lib/metaCallbacks'
import { fakeArrivals, startMetaFake } from './lib/metaFake'
import { verdict } from './lib/timing'

const CONTACTS = Number(process.env.RESPONSIVE_BENCH_CONTACTS ?? 300_000)
/** Messages of an earlier campaign that the sampled callbacks report on (part of the contacts). */
const EARLIER = 5_000
const SAMPLE_MS = 25
const RATE = 500
const FIRST = 2_000
/** Hard bound of the sampled window after the launch click. */
const MAX_SECONDS = 120
const APP_SECRET = 'bench-app-secret'

interface Sample {
  kind: 'callback' | 'api'
  /** performance.now() when the request left. */
  at: number
  ms: number
  ok: boolean
  error?: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pct = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]! : NaN

/** Times one request; a connection reset or any transport error is recorded, not thrown. */
async function timed(kind: Sample['kind'], request: () => Promise<Response>): Promise<Sample> {
  const started = performance.now()
  try {
    const res = await request()
    await res.arrayBuffer()
    return { kind, at: started, ms: performance.now() - started, ok: res.ok }
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause
    return {
      kind,
      at: started,
      ms: performance.now() - started,
      ok: false,
      error: cause?.code ?? String(err)
    }
  }
}

function report(label: string, samples: Sample[]): { max: number; p99: number; failed: number } {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
  const failed = samples.filter((s) => !s.ok)
  const resets = failed.filter((s) => s.error === 'ECONNRESET').length
  const over = samples.filter((s) => s.ms >= 500).length
  console.log(
    `${label.padEnd(10)} n=${samples.length}  p50 ${pct(ms, 0.5).toFixed(1)} ms  p99 ${pct(ms, 0.99).toFixed(1)} ms  max ${(ms.at(-1) ?? NaN).toFixed(1)} ms  ≥500 ms: ${over}  failed: ${failed.length} (resets ${resets})`
  )
  return { max: ms.at(-1) ?? 0, p99: pct(ms, 0.99), failed: failed.length }
}

/**
 * `RESPONSIVE_TIMELINE=1`: callback waits per second after the click, to see which phase of the
 * launch (check, first pages, dispatch start, steady qualification) makes the slow ones.
 */
function timeline(samples: Sample[], launchedAt: number): void {
  const bySecond = new Map<number, number[]>()
  for (const s of samples.filter((x) => x.kind === 'callback')) {
    const second = Math.floor((s.at - launchedAt) / 1000)
    bySecond.set(second, [...(bySecond.get(second) ?? []), s.ms])
  }
  for (const [second, ms] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    ms.sort((a, b) => a - b)
    const slow = ms.filter((x) => x >= 100).length
    console.log(
      `  t=${second}s n=${ms.length} p50 ${pct(ms, 0.5).toFixed(0)} ms max ${ms.at(-1)!.toFixed(0)} ms ≥100 ms: ${slow}`
    )
  }
}

export default {
  name: 'responsive',
  description: `launch a campaign to ${CONTACTS.toLocaleString('en')} contacts while a signed callback and campaigns.get are sampled every ${SAMPLE_MS} ms (targets: nothing waits ≥ 500 ms, no reset, callback p99 < 100 ms, first ${FIRST.toLocaleString('en')} messages out within 15 s)`,
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-responsive-'))
    const servePath = fileURLToPath(new URL('./serve.js', import.meta.url))
    const children: ChildProcess[] = []
    try {
      const fake = await startMetaFake()
      children.push(fake.child)
      const serve = await startChild([
        servePath,
        '--data-dir',
        dir,
        '--port',
        '0',
        '--hooks-port',
        '0',
        '--no-demo'
      ])
      children.push(serve.child)
      const api = async (route: string, input: unknown): Promise<Record<string, unknown>> => {
        const res = await fetch(`${serve.lines.api}/api/${route}`, {
          method: 'POST',
          headers: benchApiHeaders,
          body: JSON.stringify(input)
        })
        const body = (await res.json()) as Record<string, unknown>
        if (!res.ok) throw new Error(`${route}: ${JSON.stringify(body)}`)
        return body
      }
      const provider = (await api('providers.create', {
        type: 'meta',
        name: 'Bench',
        config: {
          phoneNumberId: '1',
          accessToken: 'x',
          appSecret: APP_SECRET,
          verifyToken: 'v',
          baseUrl: fake.url,
          ratePerSecond: RATE
        }
      })) as { id: string; callbackPath: string }

      // Contacts and an earlier, already sent campaign, written through a second connection.
      const db = openDb(dir)
      const { messages } = seedCampaign(db, {
        providerId: provider.id,
        count: EARLIER,
        sentAt: Date.UTC(2026, 10, 1)
      })
      const insert = db.prepare(
        `INSERT INTO contact (phone, name, properties, created_at, updated_at)
         VALUES (?, ?, '{"city":"Pune"}', ?, ?)`
      )
      db.transaction(() => {
        for (let i = 0; i < CONTACTS - EARLIER; i++)
          insert.run(`+1212${2_000_000 + i}`, `Person ${i}`, Date.now(), Date.now())
      })()
      db.close()

      const signed = signAll(
        APP_SECRET,
        messages.map((m) => m.providerMessageId!),
        messages.map((m) => m.phone.slice(1))
      )
      const campaign = await api('campaigns.create', {
        name: 'responsive',
        providerId: provider.id,
        template: { name: 'offer', language: 'en', params: ['{{name}}'] },
        audience: { all: true },
        controlGroupPercent: 10,
        ratePerSecond: RATE
      })

      const samples: Sample[] = []
      const pending: Promise<void>[] = []
      let i = 0
      const sampler = setInterval(() => {
        const body = signed[i++ % signed.length]!
        pending.push(
          timed('callback', () =>
            fetch(`${serve.lines.hooks}${provider.callbackPath}`, {
              method: 'POST',
              headers: body.headers,
              body: body.body
            })
          ).then((s) => void samples.push(s)),
          timed('api', () =>
            fetch(`${serve.lines.api}/api/campaigns.get`, {
              method: 'POST',
              headers: benchApiHeaders,
              body: JSON.stringify({ id: campaign.id })
            })
          ).then((s) => void samples.push(s))
        )
      }, SAMPLE_MS)

      await sleep(1000)
      const launchedAt = Date.now()
      const launchedPerf = performance.now()
      const launch = await timed('api', () =>
        fetch(`${serve.lines.api}/api/campaigns.launch`, {
          method: 'POST',
          headers: benchApiHeaders,
          body: JSON.stringify({ id: campaign.id, overrideReadiness: true })
        })
      )
      // Sample until the first messages left and qualification is over (plus 2 s), bounded.
      let firstAt: number | null = null
      let qualifiedAt: number | null = null
      while (Date.now() - launchedAt < MAX_SECONDS * 1000) {
        firstAt ??= (await fakeArrivals(fake.url, { nth: FIRST })).nth
        if (qualifiedAt === null) {
          const view = await api('campaigns.get', { id: campaign.id })
          if (view.status !== 'qualifying' && launch.ok) qualifiedAt = Date.now()
        }
        if (firstAt !== null && qualifiedAt !== null && Date.now() - qualifiedAt > 2000) break
        await sleep(250)
      }
      clearInterval(sampler)
      await Promise.all(pending)
      await api('campaigns.cancel', { id: campaign.id }).catch(() => undefined)

      if (process.env.RESPONSIVE_TIMELINE) timeline(samples, launchedPerf)
      console.log(
        `campaigns.launch answered in ${launch.ms.toFixed(0)} ms (${launch.ok ? 'ok' : `failed ${launch.error ?? ''}`}); qualification over ${qualifiedAt === null ? `NOT within ${MAX_SECONDS} s` : `${((qualifiedAt - launchedAt) / 1000).toFixed(1)} s after the click`}`
      )
      const cb = report(
        'callbacks',
        samples.filter((s) => s.kind === 'callback')
      )
      const ap = report(
        'api',
        samples.filter((s) => s.kind === 'api')
      )
      const worst = Math.max(cb.max, ap.max, launch.ms)
      const firstS = firstAt === null ? Infinity : (firstAt - launchedAt) / 1000
      console.log(
        `longest wait (incl. the launch call): ${worst.toFixed(0)} ms  target < 500 ms: ${verdict(worst < 500)}`
      )
      console.log(
        `failed or reset requests: ${cb.failed + ap.failed}  target 0: ${verdict(cb.failed + ap.failed === 0)}`
      )
      console.log(`callback p99 ${cb.p99.toFixed(1)} ms  target < 100 ms: ${verdict(cb.p99 < 100)}`)
      console.log(
        `first ${FIRST.toLocaleString('en')} messages at the provider ${firstS.toFixed(1)} s after the click  target ≤ 15 s: ${verdict(firstS <= 15)}`
      )
    } finally {
      await stopChildren(children)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
