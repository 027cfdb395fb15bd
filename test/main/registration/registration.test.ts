import { beforeAll, describe, expect, test } from 'vitest'
import { startFake, type AnyFake, type FakeEvent } from '../../fakes'
import {
  startLocaltunnelServer,
  type LocaltunnelServer,
  FAST_TUNNEL_TIMINGS
} from '../../helpers/localtunnelServer'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { until } from '../../helpers/until'
import { useClosers } from '../../helpers/closers'

// Short supervisor timings: the real localtunnel client against the local protocol server.
beforeAll(() => {
  Object.assign(process.env, { ...FAST_TUNNEL_TIMINGS, TICKBOARD_REGISTRATION_RETRY_MS: '200' })
})

const tempDir = useTempDirs()
const closeAfter = useClosers()

type Kind = 'meta' | '360dialog' | 'twilio' | 'gupshup' | 'infobip'

async function fakeOf(kind: Kind): Promise<AnyFake> {
  return kind === '360dialog'
    ? startFake('meta', { authScheme: 'd360' })
    : startFake(kind as 'meta' | 'twilio' | 'gupshup' | 'infobip')
}

/** A callback the provider would send to the URL registered with it (replies go there for all). */
function inbound(): FakeEvent[] {
  return [{ kind: 'inbound', from: '+15557654321', text: 'STOP? no, hello' }]
}

async function setup(kind: Kind) {
  const lt = await startLocaltunnelServer()
  closeAfter(() => lt.close())
  const fake = await fakeOf(kind)
  closeAfter(() => fake.close())
  const t = (await startTestEngine(tempDir())) as TestEngine
  closeAfter(() => t.engine.close())
  const type = kind === '360dialog' ? 'meta' : kind
  const provider = await t.call('providers.create', {
    type,
    name: kind,
    config: fake.account().config
  } as never)
  return { lt, fake, t, provider }
}

/** The account's registration once its latest attempt is for `url`. */
async function registeredAt(t: TestEngine, providerId: string, url: string) {
  return until(`registration of ${url}`, async () => {
    const { accounts } = await t.call('registration.list', {})
    const mine = accounts.find((a) => a.providerId === providerId)
    return mine?.latest?.url === url ? mine : undefined
  })
}

async function received(t: TestEngine, providerId: string): Promise<number> {
  return (await t.call('callbacks.health', { providerId })).received
}

async function tunnelUrl(t: TestEngine, lt: LocaltunnelServer, notUrl?: string) {
  return until('the tunnel up', async () => {
    const s = await t.call('tunnel.status', {})
    return s.state === 'up' && s.url && s.url !== notUrl ? s.url : undefined
  }).then((url) => {
    expect(url.startsWith(lt.host)).toBe(true)
    return url
  })
}

describe.each(['meta', '360dialog', 'twilio', 'gupshup', 'infobip'] as const)(
  '%s: the callback URL registers itself and follows the tunnel',
  (kind) => {
    test('account + tunnel registers; a new tunnel URL re-registers; callbacks land', async () => {
      const { lt, fake, t, provider } = await setup(kind)
      expect(fake.registration.url).toBeNull()

      const started = await t.call('tunnel.start', { host: lt.host })
      expect(started.state).toBe('up')
      const first = `${started.url}${provider.callbackPath}`
      const view = await registeredAt(t, provider.id, first)
      expect(view.latest).toMatchObject({ outcome: 'registered', url: first, trigger: 'tunnel_up' })
      expect(view.latest!.answer).toMatch(/HTTP 20\d/)
      expect(fake.registration.url).toBe(first)
      expect(await fake.emit(inbound())).toEqual([200])
      await until('the first callback', async () =>
        (await received(t, provider.id)) >= 1 ? true : undefined
      )

      // The tunnel server drops us and refuses the old id: the client comes back elsewhere.
      lt.drop(started.subdomain!)
      const second = `${await tunnelUrl(t, lt, started.url)}${provider.callbackPath}`
      expect(second).not.toBe(first)
      const again = await registeredAt(t, provider.id, second)
      expect(again.latest).toMatchObject({
        outcome: 'registered',
        url: second,
        trigger: 'url_changed'
      })
      expect(fake.registration.url).toBe(second)
      expect(again.log.map((r) => r.url)).toEqual([second, first])

      // No operator action: the provider's next callback goes to the new URL and lands.
      expect(await fake.emit(inbound())).toEqual([200])
      await until('the callback through the new URL', async () =>
        (await received(t, provider.id)) >= 2 ? true : undefined
      )
    })
  }
)

describe('registration outcomes', () => {
  test('an account created while the tunnel is up registers at once', async () => {
    const lt = await startLocaltunnelServer()
    closeAfter(() => lt.close())
    const fake = await startFake('meta')
    closeAfter(() => fake.close())
    const t = (await startTestEngine(tempDir())) as TestEngine
    closeAfter(() => t.engine.close())
    const up = await t.call('tunnel.start', { host: lt.host })
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: fake.account().config as never
    })
    const view = await registeredAt(t, provider.id, `${up.url}${provider.callbackPath}`)
    expect(view.latest).toMatchObject({ outcome: 'registered', trigger: 'account_created' })
    // Meta verified the URL with its GET challenge before accepting it, then it was read back.
    expect(fake.registration.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
  })

  test('a refusal is a visible, explained failure; switching consent off stops it', async () => {
    const { lt, fake, t, provider } = await setup('meta')
    fake.registration.fault = {
      status: 403,
      body: { error: { message: '(#200) Permission denied', code: 200 } }
    }
    const up = await t.call('tunnel.start', { host: lt.host })
    const url = `${up.url}${provider.callbackPath}`
    const failed = await registeredAt(t, provider.id, url)
    expect(failed.latest).toMatchObject({ outcome: 'failed' })
    expect(failed.latest!.detail).toContain('(#200) Permission denied')
    expect(failed.readiness.blocking.join(' ')).toContain('registering the callback URL failed')

    await t.call('registration.setEnabled', { providerId: provider.id, enabled: false })
    const requests = fake.registration.requests.length
    lt.drop(up.subdomain!)
    await tunnelUrl(t, lt, up.url)
    await new Promise((r) => setTimeout(r, 300))
    expect(fake.registration.requests.length).toBe(requests)
    const { accounts } = await t.call('registration.list', {})
    expect(accounts[0]).toMatchObject({ enabled: false })

    // The operator may still register by hand: it works once the account is fixed.
    fake.registration.fault = null
    const manual = await t.call('registration.register', { providerId: provider.id })
    expect(manual.latest).toMatchObject({ outcome: 'registered', trigger: 'manual' })
  })

  test('a failed registration is retried by itself for the same URL', async () => {
    const { lt, fake, t, provider } = await setup('meta')
    fake.registration.fault = {
      status: 503,
      body: { error: { message: '(#131016) Service unavailable', code: 131016 } }
    }
    const up = await t.call('tunnel.start', { host: lt.host })
    const url = `${up.url}${provider.callbackPath}`
    expect((await registeredAt(t, provider.id, url)).latest).toMatchObject({ outcome: 'failed' })
    fake.registration.fault = null
    const healed = await until('the retry to succeed', async () => {
      const { accounts } = await t.call('registration.list', {})
      return accounts[0]?.latest?.outcome === 'registered' ? accounts[0] : undefined
    })
    expect(healed.latest).toMatchObject({ url, trigger: 'tunnel_up' })
    expect(healed.log.map((r) => r.outcome)).toContain('failed')
    expect(fake.registration.url).toBe(url)
  })

  test('Infobip: a new URL goes on the notification profile, read back, and replies follow it', async () => {
    const { lt, fake, t, provider } = await setup('infobip')
    if (fake.type !== 'infobip') throw new Error('an Infobip fake')
    const up = await t.call('tunnel.start', { host: lt.host })
    const first = `${up.url}${provider.callbackPath}`
    await registeredAt(t, provider.id, first)
    const before = fake.registration.requests.length

    lt.drop(up.subdomain!)
    const second = `${await tunnelUrl(t, lt, up.url)}${provider.callbackPath}`
    const view = await registeredAt(t, provider.id, second)
    expect(view.latest).toMatchObject({ outcome: 'registered', trigger: 'url_changed' })
    // The log shows the profile update and its read-back, not only a subscription update.
    expect(view.latest!.answer).toMatch(/^profile update: HTTP 200 .*subscription update: HTTP 200/)
    expect(view.latest!.answer).toMatch(/read back: HTTP 200 .*"notifyUrl":"[^"]+"/)
    expect(view.latest!.answer).toContain(second)
    const calls = fake.registration.requests.slice(before).map((r) => `${r.method} ${r.path}`)
    expect(calls).toEqual([
      expect.stringMatching(/^PUT \/subscriptions\/1\/profiles\/tickboard-/),
      expect.stringMatching(/^PUT \/subscriptions\/1\/subscription\/WHATSAPP\/tickboard-/),
      expect.stringMatching(/^GET \/subscriptions\/1\/profiles\/tickboard-/)
    ])
    const [subscription] = [...fake.subscriptions.subscriptions.values()]
    expect(subscription!.events).toEqual(['INBOUND_MESSAGE'])
    expect(fake.subscriptions.profiles.get(subscription!.profileId)!.webhook.notifyUrl).toBe(second)

    // Infobip posts the reply to the profile's URL: the new one, where it lands.
    expect(fake.render(inbound()).map((c) => c.url)).toEqual([second])
    expect(await fake.emit(inbound())).toEqual([200])
    await until('the reply through the new URL', async () =>
      (await received(t, provider.id)) >= 1 ? true : undefined
    )
  })

  test('Gupshup: a subscription with the delivery modes, read back, follows the URL', async () => {
    const { lt, fake, t, provider } = await setup('gupshup')
    if (fake.type !== 'gupshup') throw new Error('a Gupshup fake')
    const up = await t.call('tunnel.start', { host: lt.host })
    const first = `${up.url}${provider.callbackPath}`
    const view = await registeredAt(t, provider.id, first)
    expect(view.latest).toMatchObject({ outcome: 'registered' })
    expect(view.latest!.answer).toMatch(
      /^list: HTTP 200 .* create: HTTP 200 .* read back: HTTP 200/
    )
    const [sub] = fake.subscriptions.list
    expect(sub).toMatchObject({ tag: 'tickboard', url: first, version: 2, active: true })
    expect(sub!.modes).toEqual(expect.arrayContaining(['SENT', 'DELIVERED', 'READ', 'MESSAGE']))
    expect(fake.subscriptions.legacyUrl).toBeNull()

    lt.drop(up.subdomain!)
    const second = `${await tunnelUrl(t, lt, up.url)}${provider.callbackPath}`
    await registeredAt(t, provider.id, second)
    // The same subscription, updated: no second one posting to the dead URL.
    expect(fake.subscriptions.list).toHaveLength(1)
    expect(fake.subscriptions.list[0]).toMatchObject({ id: sub!.id, url: second })
    expect(fake.registration.requests.map((r) => `${r.method} ${r.path}`)).not.toContain(
      expect.stringMatching(/callbackUrl/)
    )
  })

  test('Gupshup: an app whose subscription lacks the delivery modes is a readiness problem', async () => {
    const { lt, fake, t, provider } = await setup('gupshup')
    if (fake.type !== 'gupshup') throw new Error('a Gupshup fake')
    fake.subscriptions.ignoredModes = new Set(['DELIVERED', 'READ'])
    const up = await t.call('tunnel.start', { host: lt.host })
    const view = await registeredAt(t, provider.id, `${up.url}${provider.callbackPath}`)
    expect(view.latest).toMatchObject({ outcome: 'failed' })
    expect(view.latest!.detail).toContain('has no DELIVERED, READ mode')
    expect(view.readiness.blocking.join(' ')).toContain('delivery reports would not arrive')
  })

  test.each([
    ['twilio', /Senders API .*Webhook URL for incoming messages/],
    ['infobip', /cannot manage subscriptions.*Subscriptions management/]
  ] as const)(
    '%s without API access: delivery reports follow each message, replies need a step by hand',
    async (kind, instruction) => {
      const { lt, fake, t, provider } = await setup(kind)
      fake.registration.fault = { status: 403, body: { message: 'Forbidden', status: 403 } }
      const up = await t.call('tunnel.start', { host: lt.host })
      const url = `${up.url}${provider.callbackPath}`
      const view = await registeredAt(t, provider.id, url)
      expect(view.latest).toMatchObject({ outcome: 'manual' })
      expect(view.latest!.detail).toMatch(instruction)
      expect(view.latest!.detail).toContain(url)
      // Replies only: a warning, never a launch block by itself.
      expect(view.readiness.warnings.join(' ')).toContain('must be set by hand for replies')
      expect(view.readiness.blocking.join(' ')).not.toContain('set by hand')
    }
  )

  test('Gupshup without partner credentials says exactly what to set by hand', async () => {
    const lt = await startLocaltunnelServer()
    closeAfter(() => lt.close())
    const fake = await startFake('gupshup')
    closeAfter(() => fake.close())
    const t = (await startTestEngine(tempDir())) as TestEngine
    closeAfter(() => t.engine.close())
    const { appId: _appId, partnerToken: _token, ...config } = fake.account().config
    const provider = await t.call('providers.create', {
      type: 'gupshup',
      name: 'Gupshup',
      config: config as never
    })
    const up = await t.call('tunnel.start', { host: lt.host })
    const url = `${up.url}${provider.callbackPath}`
    const view = await registeredAt(t, provider.id, url)
    expect(view.latest).toMatchObject({ outcome: 'manual' })
    expect(view.latest!.detail).toContain(`subscription with URL ${url}`)
    expect(view.readiness.blocking.join(' ')).toContain('must be set by hand')
    expect(fake.registration.requests).toEqual([])
  })
})
