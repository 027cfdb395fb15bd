import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../src/main/engine/createEngine'
import { openBenchEngine } from './lib/engine'
import { fakeArrivals, startMetaFake } from './lib/metaFake'

async function call(
  engine: Engine,
  route: string,
  input: unknown
): Promise<Record<string, unknown>> {
  const result = await engine.invoke(route as never, input as never)
  if (!result.ok) throw new Error(`${route}: ${result.error.message}`)
  return result.data as Record<string, unknown>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * With `sandbox`, the built-in adapter answers in-process without HTTP: what the dispatcher
 * itself (bucket, batched SQLite writes, progress) sustains, apart from the HTTP client.
 */
async function measure(
  rate: number,
  contacts: number,
  fromS: number,
  toS: number,
  sandbox = false
) {
  const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-'))
  const fake = await startMetaFake()
  const engine = await openBenchEngine(dir)
  try {
    const lines = ['phone,name']
    for (let i = 0; i < contacts; i++) lines.push(`+1212${2_000_000 + i},Person ${i}`)
    await call(engine, 'contacts.import', { csv: lines.join('\n') })
    const provider = await call(
      engine,
      'providers.create',
      sandbox
        ? {
            type: 'sandbox',
            name: 'bench',
            config: { ratePerSecond: rate, latencyMs: 600_000 }
          }
        : {
            type: 'meta',
            name: 'bench',
            config: {
              phoneNumberId: '1065',
              accessToken: 'token',
              appSecret: 'secret',
              verifyToken: 'verify',
              baseUrl: fake.url,
              ratePerSecond: rate
            }
          }
    )
    const campaign = await call(engine, 'campaigns.create', {
      name: 'bench',
      providerId: provider.id,
      // Each provider's own template list is checked at launch: the fake's, or the Sandbox's.
      template: sandbox
        ? { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'From Pune'] }
        : { name: 'offer', language: 'en', params: ['{{name}}'] },
      audience: { all: true },
      controlGroupPercent: 0,
      ratePerSecond: rate
    })
    const launched = Date.now()
    await call(engine, 'campaigns.launch', { id: campaign.id, overrideReadiness: true })
    await sleep(toS * 1000 + 300)
    let { n, total } = await fakeArrivals(fake.url, {
      from: launched + fromS * 1000,
      to: launched + toS * 1000
    })
    if (sandbox)
      ({ n, total } = engine.db
        .prepare(
          `SELECT SUM(sent_at >= @from AND sent_at < @to) AS n, COUNT(sent_at) AS total
           FROM message WHERE campaign_id = @id`
        )
        .get({ id: campaign.id, from: launched + fromS * 1000, to: launched + toS * 1000 }) as {
        n: number
        total: number
      })
    await call(engine, 'campaigns.cancel', { id: campaign.id })
    return { achieved: n / (toS - fromS), total }
  } finally {
    await engine.close()
    fake.child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What bare `fetch` achieves against the same provider in this run: the machine's ceiling. */
async function fetchCeiling(seconds: number): Promise<number> {
  const fake = await startMetaFake()
  try {
    const end = Date.now() + seconds * 1000
    let done = 0
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (Date.now() < end) {
          const res = await fetch(`${fake.url}/v21.0/1/messages`, { method: 'POST', body: '{}' })
          await res.text()
          done++
        }
      })
    )
    return done / seconds
  } finally {
    fake.child.kill()
  }
}

export default {
  name: 'dispatch',
  description:
    'dispatch against a provider with 50 ms latency: 1,000 msg/s configured holds ~1,000 msg/s; 200 msg/s throttle within ±2% over 10 s',
  async run(): Promise<void> {
    const ceiling = await fetchCeiling(3)
    console.log(
      `bare fetch ceiling of this machine right now (100 concurrent, same provider): ${ceiling.toFixed(0)} req/s`
    )
    const fast = await measure(1000, 9000, 2, 7)
    console.log(
      `configured 1000 msg/s, measured over 5 s at the provider: ${fast.achieved.toFixed(1)} msg/s ` +
        `(target ≈ 1000: ${fast.achieved >= 980 ? 'met' : 'MISSED'})`
    )
    const inProcess = await measure(1000, 9000, 2, 7, true)
    console.log(
      `dispatcher alone (Sandbox adapter, no HTTP), configured 1000 msg/s: ${inProcess.achieved.toFixed(1)} msg/s`
    )
    const slow = await measure(200, 3000, 2, 12)
    const deviation = ((slow.achieved - 200) / 200) * 100
    console.log(
      `configured 200 msg/s, measured over 10 s at the provider: ${slow.achieved.toFixed(1)} msg/s, ` +
        `deviation ${deviation >= 0 ? '+' : ''}${deviation.toFixed(2)}% (target within ±2%: ${Math.abs(deviation) <= 2 ? 'met' : 'MISSED'})`
    )
  }
}
