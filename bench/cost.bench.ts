import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../src/main/db/openDb'
import { createMessagePricingRepo } from '../src/main/db/repos/messagePricingRepo'
import { createPricingRecorder } from '../src/main/pricing/messagePricing'
import { generateDemoCampaign, openBenchEngine } from './lib/engine'
import { measure, median, p95, verdict } from './lib/timing'

const RECIPIENTS = Number(process.env.BENCH_COST_RECIPIENTS ?? 1_000_000)
const CAMPAIGNS = Number(process.env.BENCH_COST_CAMPAIGNS ?? 5)

const RATE_CARD = `Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service
India,USD,0.0107,0.0014,0.0014,0.028,0
North America,USD,0.025,0.0034,0.0034,,0
Other,USD,0.0604,0.0077,0.0077,,0`

/**
 * Gives the first campaigns reported Meta pricing on every delivered message (as status webhooks
 * would, through the one writer of message_pricing), so both paths of stats.cost are measured:
 * reported prices and the estimate.
 */
function reportPricing(dir: string, campaignId: string): number {
  const db = openDb(dir)
  try {
    const record = createPricingRecorder(createMessagePricingRepo(db))
    const ids = db
      .prepare<[string], { id: number; i: number }>(
        'SELECT id, seq AS i FROM message WHERE campaign_id = ? AND delivered_at IS NOT NULL'
      )
      .all(campaignId)
    const base = {
      billable: null,
      pricingModel: 'PMP',
      conversationId: null,
      conversationOrigin: null,
      conversationExpiresAt: null
    }
    db.transaction(() => {
      for (const { id, i } of ids)
        record(
          id,
          campaignId,
          i % 10 === 0
            ? { ...base, category: 'utility', type: 'free_customer_service' }
            : { ...base, category: 'marketing', type: 'regular' },
          0,
          null
        )
    })()
    return ids.length
  } finally {
    db.close()
  }
}

export default {
  name: 'cost',
  description: `stats.cost and stats.compare on ${CAMPAIGNS} generated campaigns of ${RECIPIENTS.toLocaleString('en')} recipients (targets ≤ 50 ms median each)`,
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tickboard-bench-cost-'))
    try {
      const ids: string[] = []
      for (let c = 0; c < CAMPAIGNS; c++) {
        const { campaignId, seconds } = generateDemoCampaign(dir, RECIPIENTS)
        ids.push(campaignId)
        console.log(`campaign ${c + 1}: generated in ${seconds.toFixed(1)} s`)
      }
      for (const id of ids.slice(0, 2)) {
        const started = performance.now()
        const n = reportPricing(dir, id)
        console.log(
          `reported pricing for ${n.toLocaleString('en')} messages of ${id} in ${((performance.now() - started) / 1000).toFixed(1)} s`
        )
      }

      const engine = await openBenchEngine(dir)
      try {
        const card = await engine.invoke('pricing.importRateCard', { csv: RATE_CARD })
        if (!card.ok) throw new Error(card.error.message)
        for (const [i, campaignId] of ids.entries()) {
          const times = await measure(engine, 'stats.cost', { campaignId })
          const m = median(times)
          const kind = i < 2 ? 'reported' : 'estimated'
          console.log(
            `stats.cost campaign ${i + 1} (${kind})`.padEnd(42) +
              ` median ${m.toFixed(2).padStart(7)} ms  p95 ${p95(times).toFixed(2).padStart(7)} ms  (n=${times.length})  target ≤ 50 ms: ${verdict(m <= 50)}`
          )
        }
        const times = await measure(engine, 'stats.compare', { campaignIds: ids })
        const m = median(times)
        console.log(
          `stats.compare of ${ids.length} campaigns`.padEnd(42) +
            ` median ${m.toFixed(2).padStart(7)} ms  p95 ${p95(times).toFixed(2).padStart(7)} ms  (n=${times.length})  target ≤ 50 ms: ${verdict(m <= 50)}`
        )
        console.log(`engine RSS: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`)
      } finally {
        await engine.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
