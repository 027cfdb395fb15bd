import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { parseMetaCallback, verifyMetaSignature } from '../../../src/main/providers/meta/callbacks'
import type { RawCallback, StatusEvent, InboundEvent } from '../../../src/main/providers/types'
import { FAILURES } from '../../../src/main/providers/sandbox/plan'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { SANDBOX_TEMPLATE, campaignDraft, contactsCsv, waitFor } from './helpers'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })
}

describe('the Sandbox provider', () => {
  it('posts signed Meta-format statuses and quoted replies to the callback URL, and goal events for target and control', async () => {
    t = await startTestEngine(tempDir())
    const posts: { path: string; raw: RawCallback }[] = []
    // Capture what reaches the callback listener (the real handler is another module's).
    t.engine.setHookHandler((req, res) => {
      void readBody(req).then((body) => {
        posts.push({
          path: req.url ?? '',
          raw: {
            method: req.method ?? '',
            publicUrl: req.url ?? '',
            headers: req.headers,
            rawBody: body
          }
        })
        res.writeHead(200).end()
      })
    })
    await t.call('contacts.import', { csv: contactsCsv(400) })
    const provider = await t.call('providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: {
        latencyMs: 40,
        failedRate: 0.2,
        deliveredRate: 0.75,
        readRate: 0.5,
        replyRate: 0.3,
        ratePerSecond: 500
      }
    })
    const account = t.engine.providerAccounts.get(provider.id)
    const { id } = await t.call(
      'campaigns.create',
      campaignDraft(provider.id, {
        template: SANDBOX_TEMPLATE,
        controlGroupPercent: 30,
        conversion: { event: 'purchase', windowHours: 24, revenueProperty: 'revenue' }
      })
    )
    await t.call('campaigns.launch', { id })
    await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed'
    )
    const sent = t.engine.db
      .prepare(
        `SELECT our_id, provider_message_id AS pid FROM message WHERE campaign_id = ? AND dispatch_state = 'sent'`
      )
      .all(id) as { our_id: string; pid: string }[]
    expect(sent.length).toBeGreaterThan(200)
    const byPid = new Map(sent.map((s) => [s.pid, s.our_id]))

    const events = await waitFor(
      () => posts.flatMap((p) => parseMetaCallback(p.raw)),
      (e) => e.filter((x) => x.kind === 'status' && x.status === 'sent').length === sent.length,
      20_000
    )
    for (const p of posts) {
      expect(p.path).toBe(`/hooks/${account.id}/${account.callbackToken}`)
      expect(verifyMetaSignature(account.callbackToken, p.raw)).toBe('valid')
      expect(verifyMetaSignature('someone-else', p.raw)).toBe('invalid_signature')
    }
    const statuses = events.filter((e): e is StatusEvent => e.kind === 'status')
    for (const s of statuses) expect(byPid.get(s.providerMessageId!)).toBe(s.ourId)
    const failed = statuses.filter((s) => s.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    const codes = new Set(FAILURES.map((f) => String(f.code)))
    for (const f of failed) expect(codes.has(String(f.errorCode))).toBe(true)
    const replies = await waitFor(
      () =>
        posts
          .flatMap((p) => parseMetaCallback(p.raw))
          .filter((e): e is InboundEvent => e.kind === 'inbound'),
      (r) => r.length > 5,
      20_000
    )
    for (const r of replies) expect(byPid.has(r.quotedProviderMessageId!)).toBe(true)

    const goals = await waitFor(
      () =>
        t!.engine.db
          .prepare(
            `SELECT m.grp, COUNT(*) AS n FROM contact_event e JOIN message m ON m.contact_id = e.contact_id AND m.campaign_id = ?
             WHERE e.source = 'sandbox' AND e.event = 'purchase' AND e.revenue > 0 GROUP BY m.grp`
          )
          .all(id) as { grp: string; n: number }[],
      (g) => g.length === 2,
      20_000
    )
    expect(goals.map((g) => g.grp).sort()).toEqual(['control', 'target'])
  })

  it('draws control-group conversions across the whole audience, each control user once, as qualification pages arrive', async () => {
    t = await startTestEngine(tempDir())
    await t.call('contacts.import', { csv: contactsCsv(4000) })
    const provider = await t.call('providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: { latencyMs: 5, ratePerSecond: 1000 }
    })
    const { id } = await t.call(
      'campaigns.create',
      campaignDraft(provider.id, {
        template: SANDBOX_TEMPLATE,
        controlGroupPercent: 50,
        conversion: { event: 'purchase', windowHours: 24, revenueProperty: 'revenue' }
      })
    )
    await t.call('campaigns.launch', { id })
    await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed',
      30_000
    )
    const db = t.engine.db
    const controls = db
      .prepare(
        `SELECT COUNT(*) AS n, MAX(seq) AS last FROM message WHERE campaign_id = ? AND grp = 'control'`
      )
      .get(id) as { n: number; last: number }
    // Every control row was drawn: the cursor reached the last one.
    expect(controls.n).toBeGreaterThan(1500)
    const cursor = db
      .prepare('SELECT value FROM setting WHERE key = ?')
      .get(`sandbox.controlGoals.${id}`) as {
      value: string
    }
    expect(Number(cursor.value)).toBe(controls.last)
    // Goal events land a few latencies after the send; wait until they stop arriving.
    const converted = () =>
      db
        .prepare(
          `SELECT m.seq FROM message m JOIN contact_event e ON e.contact_id = m.contact_id
           WHERE m.campaign_id = ? AND m.grp = 'control' AND e.source = 'sandbox' ORDER BY m.seq`
        )
        .all(id) as { seq: number }[]
    await new Promise((resolve) => setTimeout(resolve, 500))
    const seqs = converted().map((r) => r.seq)
    // One event per converting control user (8% of ~2,000: mean 160, sd ~12).
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(seqs.length).toBeGreaterThan(90)
    expect(seqs.length).toBeLessThan(240)
    // Converters come from the whole audience, not only the first qualification page.
    expect(seqs.filter((seq) => seq > controls.last / 2).length).toBeGreaterThan(20)
  })
})
