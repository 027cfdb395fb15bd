import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { makeProbe, probeSecret } from '../../../src/main/callbacks/probe'
import { createSettingRepo } from '../../../src/main/db/repos/settingRepo'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'
import { META_CONFIG, drained, inboundBody, postMeta, signMeta, statusBody } from './meta'

describe('callback receive contract', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  async function setup() {
    t = (await startTestEngine(tempDir())) as TestEngine
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: META_CONFIG
    })
    const hooks = t.engine.hooksBase()!
    return { t, provider, hooks, db: t.engine.db }
  }

  it('stores a signed status callback before answering 200, then applies it', async () => {
    const { t, provider, hooks, db } = await setup()
    const { messages, campaignId } = seedCampaign(db, {
      providerId: provider.id,
      count: 2,
      sentAt: Date.UTC(2026, 10, 1)
    })
    const m = messages[1]!
    const at = m.sentAt + 5000
    const body = statusBody([
      { id: m.providerMessageId!, status: 'delivered', at, recipient: m.phone }
    ])
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    // Durable before the answer: the raw bytes are in the inbox when the 200 arrives.
    const stored = db.prepare('SELECT raw_body FROM callback_inbox').all() as { raw_body: Buffer }[]
    expect(stored.map((r) => r.raw_body.toString())).toEqual([body])
    await drained(db)
    const row = db.prepare('SELECT status, delivered_at FROM message WHERE id = ?').get(m.id)
    expect(row).toEqual({ status: 'delivered', delivered_at: Math.floor(at / 1000) * 1000 })
    const health = await t.call('callbacks.health', { campaignId })
    expect(health.received).toBe(1)
    // The median comes from a log-scale histogram: within ±2.2% of the exact value.
    expectNear(health.medianDeliveryMs, Math.floor(at / 1000) * 1000 - m.sentAt)
    const byProvider = await t.call('callbacks.health', { providerId: provider.id })
    expect(byProvider.medianDeliveryMs).toBe(health.medianDeliveryMs)
    // A second campaign with a slower delivery: the provider's median spans both.
    const other = seedCampaign(db, {
      providerId: provider.id,
      count: 1,
      sentAt: m.sentAt,
      phonePrefix: '+1666'
    })
    const o = other.messages[0]!
    const late = o.sentAt + 60_000
    const lateBody = statusBody([
      { id: o.providerMessageId!, status: 'delivered', at: late, recipient: o.phone }
    ])
    expect(await postMeta(hooks, provider.callbackPath, lateBody)).toBe(200)
    await drained(db)
    const both = await t.call('callbacks.health', { providerId: provider.id })
    expectNear(
      both.medianDeliveryMs,
      (Math.floor(at / 1000) * 1000 - m.sentAt + Math.floor(late / 1000) * 1000 - o.sentAt) / 2
    )
  })

  it('refuses each bad request with its status and counts it by reason', async () => {
    const { t, provider, hooks } = await setup()
    const [, id, token] = provider.callbackPath.split('/').slice(1)
    const good = statusBody([{ id: 'wamid.x', status: 'sent', at: Date.now(), recipient: '+1555' }])
    const post = async (
      path: string,
      body: string | Buffer,
      headers: Record<string, string> = {}
    ) => {
      const res = await fetch(`${hooks}${path}`, { method: 'POST', headers, body })
      await res.arrayBuffer()
      return res.status
    }
    const sig = { 'x-hub-signature-256': signMeta(META_CONFIG.appSecret, good) }
    expect(await post(`/hooks/${id}/wrong-token`, good, sig)).toBe(401)
    expect(await post(`/hooks/no-such-provider/${token}`, good, sig)).toBe(404)
    expect(await post(provider.callbackPath, good)).toBe(401)
    expect(await post(provider.callbackPath, good, { 'x-hub-signature-256': 'sha256=00' })).toBe(
      401
    )
    expect(
      await post(provider.callbackPath, '{"nope', {
        'x-hub-signature-256': signMeta(META_CONFIG.appSecret, '{"nope')
      })
    ).toBe(400)
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20)
    expect(await post(provider.callbackPath, big, sig)).toBe(413)
    const put = await fetch(`${hooks}${provider.callbackPath}`, { method: 'PUT', body: good })
    expect(put.status).toBe(405)
    await new Promise((r) => setTimeout(r, 50))
    const health = await t.call('callbacks.health', {})
    expect(health.rejected).toEqual({
      bad_token: 1,
      unknown_provider: 1,
      missing_signature: 1,
      bad_signature: 1,
      malformed: 1,
      oversized: 1,
      method: 1
    })
    expect(health.received).toBe(0)
    const samples = t.engine.db
      .prepare('SELECT reason, path FROM callback_rejection ORDER BY id')
      .all() as { reason: string; path: string }[]
    expect(samples).toHaveLength(7)
    // The secret token never lands in the diagnostics log.
    expect(samples.some((s) => s.path.includes(token!))).toBe(false)
  })

  it('answers 503 and keeps nothing when the inbox commit fails (disk full)', async () => {
    const { t, provider, hooks, db } = await setup()
    // A real SQLITE_FULL: the data file may not grow past its current size.
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const padded = (i: number) =>
      statusBody([
        {
          id: `wamid.full-${i}-${'x'.repeat(200_000)}`,
          status: 'sent',
          at: Date.now(),
          recipient: '+1555'
        }
      ])
    const full = await Promise.all(
      [1, 2, 3].map((i) => postMeta(hooks, provider.callbackPath, padded(i)))
    )
    expect(full).toEqual([503, 503, 503])
    expect(db.prepare('SELECT COUNT(*) AS n FROM callback_inbox').get()).toEqual({ n: 0 })
    expect((await t.call('callbacks.health', {})).received).toBe(0)
    db.pragma('max_page_count = 1073741823')
    expect(await postMeta(hooks, provider.callbackPath, padded(4))).toBe(200)
    expect(db.prepare('SELECT COUNT(*) AS n FROM callback_inbox').get()).toEqual({ n: 1 })
  })

  it("answers Meta's GET verification only with the right verify token", async () => {
    const { provider, hooks } = await setup()
    const url = (token: string) =>
      `${hooks}${provider.callbackPath}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`
    const ok = await fetch(url(META_CONFIG.verifyToken))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toContain('text/plain')
    expect(await ok.text()).toBe('1158201444')
    const bad = await fetch(url('guess'))
    expect(bad.status).toBe(403)
  })

  it('answers signed probes without storing them', async () => {
    const { provider, hooks, db } = await setup()
    const secret = probeSecret(createSettingRepo(db))
    for (const path of ['/hooks/probe', provider.callbackPath]) {
      const probe = makeProbe(secret)
      const res = await fetch(`${hooks}${path}`, {
        method: 'POST',
        headers: { 'x-tickboard-probe': probe.signature },
        body: probe.body
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ probe: probe.nonce })
    }
    const forged = await fetch(`${hooks}/hooks/probe`, {
      method: 'POST',
      headers: { 'x-tickboard-probe': 'sha256=' + '0'.repeat(64) },
      body: '{"nonce":"x"}'
    })
    expect(forged.status).toBe(401)
    expect(db.prepare('SELECT COUNT(*) AS n FROM callback_inbox').get()).toEqual({ n: 0 })
  })

  it('dedupes inbound messages and counts strangers as unattributed', async () => {
    const { t, provider, hooks, db } = await setup()
    const body = inboundBody([
      { id: 'wamid.in1', from: '+4915100000001', at: Date.now(), text: 'hi' }
    ])
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
    await drained(db)
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.received).toBe(2)
    expect(health.unattributedReplies).toBe(1)
  })

  it('takes live goal events on the events endpoint with its own token', async () => {
    const { t, db } = await setup()
    await t.call('contacts.import', { csv: 'phone,name\n+14155550100,Ana\n' })
    const endpoint = await t.call('callbacks.eventsEndpoint', {})
    expect(endpoint.url).toBeNull()
    const hooks = t.engine.hooksBase()!
    const post = (path: string, body: unknown) =>
      fetch(`${hooks}${path}`, { method: 'POST', body: JSON.stringify(body) })
    const res = await post(endpoint.path, {
      events: [
        { phone: '+14155550100', event: 'purchase', time: '2026-11-01T10:00:00Z', revenue: 12.5 },
        { phone: '+14155550199', event: 'purchase', time: 1790000000 },
        { phone: '+14155550100', event: 'purchase', time: 'yesterday' },
        'junk'
      ]
    })
    expect(res.status).toBe(200)
    const result = (await res.json()) as { imported: number; rejected: { index: number }[] }
    expect(result.imported).toBe(1)
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3])
    const single = await post(endpoint.path, {
      phone: '+14155550100',
      event: 'signup',
      time: 1790000000,
      properties: { plan: 'pro' }
    })
    expect(await single.json()).toEqual({ imported: 1, rejected: [] })
    expect((await post('/hooks/events/wrong', [])).status).toBe(401)
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM contact_event WHERE source = 'api'").get()
    ).toEqual({
      n: 2
    })
  })
})

describe('Twilio signs the public URL', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('verifies X-Twilio-Signature over the public base + path + query, not the loopback URL', async () => {
    const publicUrl = 'https://tickboard-test.loca.lt'
    t = (await startTestEngine(tempDir(), { publicUrl })) as TestEngine
    const authToken = 'twilio-auth-token-123'
    const provider = await t.call('providers.create', {
      type: 'twilio',
      name: 'Twilio',
      config: {
        accountSid: `AC${'0'.repeat(32)}`,
        authToken,
        from: 'whatsapp:+15550009999',
        baseUrl: 'http://127.0.0.1:9' // registration must not reach the real Twilio
      }
    })
    const hooks = t.engine.hooksBase()!
    const path = `${provider.callbackPath}?ourId=abc-1`
    const form = new URLSearchParams({
      MessageSid: 'SM0123',
      MessageStatus: 'delivered',
      To: 'whatsapp:+15551234567',
      AccountSid: `AC${'0'.repeat(32)}`
    })
    const sign = (url: string) => {
      const keys = [...form.keys()].sort()
      const data = url + keys.map((k) => k + form.get(k)).join('')
      return createHmac('sha1', authToken).update(data).digest('base64')
    }
    const post = async (signature: string) => {
      const res = await fetch(`${hooks}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature
        },
        body: form.toString()
      })
      return { status: res.status, body: await res.text() }
    }
    // Signed over the loopback URL (what Host would give us behind the tunnel): refused.
    expect((await post(sign(`${hooks}${path}`))).status).toBe(401)
    const ok = await post(sign(`${publicUrl}${path}`))
    expect(ok.status).toBe(200)
    expect(ok.body).toContain('<Response>')
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.received).toBe(1)
    expect(health.rejected).toEqual({ bad_signature: 1 })
  })
})

function expectNear(actual: number | null, exact: number): void {
  expect(actual).not.toBeNull()
  expect(Math.abs(actual! - exact) / exact).toBeLessThanOrEqual(0.022)
}
