import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateDemoCampaign, openBenchEngine } from './lib/engine'
import { measure, median, p95, verdict } from './lib/timing'

/**
 * Issue #21 item 8, "ten million on one desktop": each size's data file lives in
 * BENCH_SCALE_DIR/scale-<N> and is reused between runs (a 10M file takes minutes to make); the
 * generator's time is kept beside it (scale-<N>.json) from the run that made it.
 * BENCH_SCALE_OFFSET=1 pages the Contacts list by offset, for measuring a build from before
 * keyset paging on the same files.
 */
const DIR = process.env.BENCH_SCALE_DIR ?? '/work/scale-data'
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000000,5000000,10000000').split(',').map(Number)
const BY_OFFSET = process.env.BENCH_SCALE_OFFSET === '1'
const MS = 50
const OPEN_MS = 3000
const GEN_S_PER_MILLION = 30
const RSS_MB = 300

interface Made {
  campaignId: string
  seconds: number
}

export default {
  name: 'scale',
  description: `issue #21 item 8 at ${SIZES.map((n) => n.toLocaleString('en')).join(', ')} recipients (files reused from ${DIR}): open to the first answered call ≤ ${OPEN_MS} ms; Contacts search and pages, drill-down search, summary/funnel/errors/trend/cost ≤ ${MS} ms median; generator ≤ ${GEN_S_PER_MILLION} s per million; resident memory ≤ ${RSS_MB} MB`,
  async run(): Promise<void> {
    for (const n of SIZES) await atSize(n)
  }
}

const row = (label: string, value: string, target: string, ok: boolean): void =>
  console.log(`${label.padEnd(58)} ${value.padStart(12)}  target ${target}: ${verdict(ok)}`)

function madeFile(n: number): { dir: string; made: Made } {
  const dir = join(DIR, `scale-${n}`)
  const sidecar = `${dir}.json`
  if (existsSync(join(dir, 'tickboard.sqlite')) && existsSync(sidecar))
    return { dir, made: JSON.parse(readFileSync(sidecar, 'utf8')) as Made }
  const made = generateDemoCampaign(dir, n)
  writeFileSync(sidecar, JSON.stringify(made))
  return { dir, made }
}

async function atSize(n: number): Promise<void> {
  console.log(`\n--- ${n.toLocaleString('en')} recipients`)
  const { dir, made } = madeFile(n)
  const perMillion = made.seconds / (n / 1e6)
  row(
    'generator (npm run demo), per million',
    `${perMillion.toFixed(1)} s`,
    `≤ ${GEN_S_PER_MILLION} s`,
    perMillion <= GEN_S_PER_MILLION
  )
  const campaignId = made.campaignId
  // Opened once before the timed open: an older file's migrations are an upgrade, not an open.
  await (await openBenchEngine(dir)).close()
  const opened = performance.now()
  const engine = await openBenchEngine(dir)
  let rss = process.memoryUsage().rss
  try {
    const first = await engine.invoke('stats.summary', { campaignId })
    const openMs = performance.now() - opened
    row(
      `open to the first answered call${first.ok ? '' : ` (${first.error.code})`}`,
      `${openMs.toFixed(0)} ms`,
      `≤ ${OPEN_MS} ms`,
      first.ok && openMs <= OPEN_MS
    )
    const timed = async (label: string, route: string, input: unknown): Promise<void> => {
      const times = await measure(engine, route, input)
      rss = Math.max(rss, process.memoryUsage().rss)
      row(
        `${label} median (p95 ${p95(times).toFixed(1)})`,
        `${median(times).toFixed(2)} ms`,
        `≤ ${MS} ms`,
        median(times) <= MS
      )
    }
    const page = (search: string | undefined, at: number) =>
      BY_OFFSET
        ? { search, offset: at, limit: 50 }
        : { search, limit: 50, ...(at ? { after: String(at) } : {}) }
    await timed('Contacts search by name "Patel"', 'contacts.list', page('Patel', 0))
    await timed('Contacts search by name "priya pa"', 'contacts.list', page('priya pa', 0))
    await timed('Contacts search by phone prefix "+9172005"', 'contacts.list', page('+9172005', 0))
    await timed(
      'Contacts page in the middle of the list',
      'contacts.list',
      page(undefined, Math.floor(n / 2))
    )
    await timed('Contacts last page', 'contacts.list', page(undefined, n - 50))
    const drill = (search: string) => ({ campaignId, kind: 'delivery', search, limit: 50 })
    await timed('drill-down search name "Patel"', 'stats.errorRecipients', drill('Patel'))
    await timed('drill-down search name "priya pa"', 'stats.errorRecipients', drill('priya pa'))
    await timed('drill-down search phone "+9172005"', 'stats.errorRecipients', drill('+9172005'))
    await timed(
      'drill-down search phone "9172005" (any part)',
      'stats.errorRecipients',
      drill('9172005')
    )
    await timed('stats.summary', 'stats.summary', { campaignId })
    await timed('stats.funnel', 'stats.funnel', { campaignId })
    await timed('stats.errors delivery', 'stats.errors', { campaignId, kind: 'delivery' })
    await timed('stats.trend day', 'stats.trend', {
      campaignId,
      granularity: 'day',
      timezone: 'Asia/Kolkata'
    })
    await timed('stats.cost', 'stats.cost', { campaignId })
    const mb = rss / 1024 / 1024
    row('resident memory (max seen)', `${mb.toFixed(0)} MB`, `≤ ${RSS_MB} MB`, mb <= RSS_MB)
  } finally {
    await engine.close()
  }
}
