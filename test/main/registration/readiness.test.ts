import { describe, expect, test } from 'vitest'
import { httpStatusOf } from '../../../src/shared/ipc/errors'
import { startFake } from '../../fakes'
import { startLocaltunnelServer } from '../../helpers/localtunnelServer'
import type { TestEngine } from '../../helpers/engine'
import { useTestEngines } from '../../helpers/testEngines'
import { until } from '../../helpers/until'

const { start, closeAfter } = useTestEngines({ fastTunnels: true })

async function engine(): Promise<TestEngine> {
  const t = await start()
  await t.call('contacts.import', {
    csv: 'phone,name\n+919810000001,Asha\n+919810000002,Ben\n+919810000003,Chen\n',
    defaultCountry: 'US'
  })
  return t
}

function draft(providerId: string, template = 'Hello {{1}}') {
  return {
    name: 'Readiness',
    providerId,
    template: { name: template, language: 'en', params: [] },
    audience: { all: true as const },
    controlGroupPercent: 0
  }
}

describe('launch readiness', () => {
  test('Twilio with no tunnel and no public URL: preview problem, refused launch, recorded override', async () => {
    const t = await engine()
    const fake = await startFake('twilio')
    closeAfter(() => fake.close())
    const provider = await t.call('providers.create', {
      type: 'twilio',
      name: 'Twilio main',
      config: fake.account().config as never
    })
    const preview = await t.call('campaigns.preview', { draft: draft(provider.id) })
    const problem = preview.problems.find((p) => p.includes('no public callback URL'))
    expect(problem).toContain('Twilio main')
    expect(problem).toContain('127.0.0.1')

    const { id } = await t.call('campaigns.create', draft(provider.id))
    const refused = await t.engine.invoke('campaigns.launch', { id })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(httpStatusOf(refused.error.code)).toBeGreaterThanOrEqual(400)
    expect(httpStatusOf(refused.error.code)).toBeLessThan(500)
    expect(refused.error.message).toBe(problem)
    expect((await t.call('campaigns.get', { id })).status).toBe('draft')
    expect((await t.call('registration.campaign', { campaignId: id })).override).toBeNull()

    const forced = await t.call('campaigns.launch', { id, overrideReadiness: true })
    expect(['running', 'completed']).toContain(forced.status)
    const recorded = await t.call('registration.campaign', { campaignId: id })
    expect(recorded.override?.problems).toEqual([problem])
    expect(recorded.override!.at).toBeGreaterThan(0)
  })

  test('the Sandbox is always ready', async () => {
    const t = await engine()
    const provider = await t.call('providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: {}
    })
    // A template from the Sandbox's own list (a name not in it would be a template problem).
    const sandboxDraft = {
      ...draft(provider.id),
      template: { name: 'hello_world', language: 'en_US', params: [] }
    }
    const preview = await t.call('campaigns.preview', { draft: sandboxDraft })
    expect(preview.problems).toEqual([])
    expect(preview.warnings).toEqual([])
  })

  test('with a tunnel: silence blocks Twilio until a Test callback; for Meta it only warns', async () => {
    const t = await engine()
    const lt = await startLocaltunnelServer()
    closeAfter(() => lt.close())
    const twilio = await startFake('twilio')
    const meta = await startFake('meta')
    closeAfter(
      () => twilio.close(),
      () => meta.close()
    )
    const tw = await t.call('providers.create', {
      type: 'twilio',
      name: 'Twilio',
      config: twilio.account().config as never
    })
    const mt = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: meta.account().config as never
    })
    const up = await t.call('tunnel.start', { host: lt.host })
    await until('both registered', async () => {
      const { accounts } = await t.call('registration.list', {})
      return accounts.every((a) => a.latest?.outcome === 'registered') ? true : undefined
    })

    const twPreview = await t.call('campaigns.preview', { draft: draft(tw.id) })
    expect(twPreview.problems.join(' ')).toContain('no callback in the last 7 days')
    const mtPreview = await t.call('campaigns.preview', { draft: draft(mt.id, 'order_update') })
    expect(mtPreview.problems).toEqual([])
    expect(mtPreview.warnings!.join(' ')).toContain('no callback in the last 7 days')

    expect((await t.call('callbacks.test', { providerId: tw.id })).ok).toBe(true)
    const tested = await t.call('campaigns.preview', { draft: draft(tw.id) })
    expect(tested.problems).toEqual([])
    const { id } = await t.call('campaigns.create', draft(tw.id))
    expect(['running', 'completed']).toContain((await t.call('campaigns.launch', { id })).status)
    expect((await t.call('registration.campaign', { campaignId: id })).override).toBeNull()

    // A new tunnel URL: the old Test callback no longer proves anything.
    lt.drop(up.subdomain!)
    const moved = await until('a new URL registered', async () => {
      const { accounts } = await t.call('registration.list', {})
      const mine = accounts.find((a) => a.providerId === tw.id)!
      const fresh = mine.currentUrl && !mine.currentUrl.includes(up.subdomain!)
      return fresh && mine.latest?.url === mine.currentUrl ? mine : undefined
    })
    expect(moved.latest).toMatchObject({ outcome: 'registered', trigger: 'url_changed' })
    expect(moved.readiness.blocking.join(' ')).toContain('no callback in the last 7 days')
  })

  test('a tunnel outage during a campaign is a callback gap with its start and end', async () => {
    const t = await engine()
    const lt = await startLocaltunnelServer()
    closeAfter(() => lt.close())
    const meta = await startFake('meta', { latencyMs: 0 })
    closeAfter(() => meta.close())
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: meta.account().config as never
    })
    const up = await t.call('tunnel.start', { host: lt.host })
    await until('registered', async () => {
      const { accounts } = await t.call('registration.list', {})
      return accounts[0]?.latest?.outcome === 'registered' ? true : undefined
    })
    const { id } = await t.call('campaigns.create', {
      ...draft(provider.id, 'order_update'),
      ratePerSecond: 1
    })
    await t.call('campaigns.launch', { id })
    await t.call('campaigns.pause', { id })
    expect((await t.call('registration.campaign', { campaignId: id })).gaps).toEqual([])

    const before = Date.now()
    lt.refuseNew('over capacity')
    lt.drop(up.subdomain!)
    // While the tunnel stays down, the outage is the readiness problem of a new campaign.
    const down = await until('the outage in the preview', async () => {
      const preview = await t.call('campaigns.preview', {
        draft: draft(provider.id, 'order_update')
      })
      return preview.problems.find((p) => p.includes('callbacks cannot reach Tickboard since'))
    })
    expect(down).toContain('the tunnel is down')
    const open = await t.call('registration.campaign', { campaignId: id })
    expect(open.gaps).toEqual([expect.objectContaining({ to: null })])
    lt.refuseNew(null)
    const gap = await until('the gap to close', async () => {
      const { gaps } = await t.call('registration.campaign', { campaignId: id })
      return gaps[0]?.to ? gaps[0] : undefined
    })
    expect(gap.from).toBeGreaterThanOrEqual(before)
    expect(gap.to!).toBeGreaterThan(gap.from)
    expect(gap.reason).toContain('the tunnel is down')
    // It closed when the new URL was registered with Meta, not merely when the tunnel came up.
    const { accounts } = await t.call('registration.list', {})
    expect(accounts[0]!.latest).toMatchObject({ outcome: 'registered', at: gap.to })
  })
})
