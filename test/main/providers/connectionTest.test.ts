import { afterEach, describe, expect, it } from 'vitest'
import { testConnection } from '../../../src/main/providers/connectionTest'
import { startFake, type AnyFake } from '../../fakes'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { catalog } from '../templates/catalog'

const tempDir = useTempDirs()
const fakes: AnyFake[] = []
let t: TestEngine | null = null
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close()
  await t?.engine.close()
  t = null
})

async function fake<T extends 'meta' | 'twilio' | 'gupshup' | 'infobip'>(
  type: T,
  options: Parameters<typeof startFake<T>>[1] = {}
) {
  const f = await startFake(type, options)
  fakes.push(f)
  return f
}

/** Each provider's cheap documented read, against fakes that check credentials as the provider does. */
describe('providers.testConnection', () => {
  it('reads one record per provider with the stored credentials: ok, and what failed when not', async () => {
    const cases = [
      {
        kind: 'meta',
        f: await fake('meta'),
        wrong: { accessToken: 'nope' },
        path: /^GET \/v\d+\.\d+\/[^/]+$/
      },
      {
        kind: '360dialog',
        f: await fake('meta', { authScheme: 'd360', catalog: catalog() }),
        wrong: { accessToken: 'nope' },
        path: /^GET \/v1\/configs\/templates$/
      },
      {
        kind: 'twilio',
        f: await fake('twilio'),
        wrong: { authToken: 'nope' },
        path: /^GET \/2010-04-01\/Accounts\/AC[0-9a-f]+\.json$/
      },
      {
        kind: 'infobip',
        f: await fake('infobip', { catalog: catalog() }),
        wrong: { apiKey: 'nope' },
        path: /^GET \/whatsapp\/2\/senders\/\d+\/templates$/
      },
      {
        kind: 'gupshup',
        f: await fake('gupshup', { catalog: catalog() }),
        wrong: { apiKey: 'nope' },
        path: /^GET \/wa\/app\/[^/]+\/template$/
      }
    ] as const
    for (const c of cases) {
      const ok = await testConnection(c.f.account())
      expect(ok, c.kind).toMatchObject({ outcome: 'ok', detail: expect.stringMatching(/^Read /) })
      expect(ok.request, c.kind).toMatch(c.path)
      expect(ok.ms).toBeGreaterThanOrEqual(0)
      const refused = await testConnection(c.f.account(c.wrong))
      expect(refused, c.kind).toMatchObject({ outcome: 'failed' })
      expect(refused.detail, c.kind).toMatch(/credentials were refused/)
      // No credential ever appears in what is shown.
      expect(JSON.stringify(refused)).not.toContain('nope')
    }
  })

  it('a wrong phone number ID, an unreachable provider and what cannot be tested say so', async () => {
    const meta = await fake('meta')
    const wrongNumber = await testConnection(meta.account({ phoneNumberId: '999' }))
    expect(wrongNumber.outcome).toBe('failed')
    expect(wrongNumber.detail).toMatch(/refused the request \(HTTP 400: Unsupported get request/)
    const closed = await fake('twilio')
    const account = closed.account()
    await closed.close()
    fakes.splice(fakes.indexOf(closed), 1)
    const down = await testConnection(account)
    expect(down).toMatchObject({
      outcome: 'failed',
      detail: expect.stringMatching(/could not be reached/)
    })
    const gupshup = await fake('gupshup')
    expect(await testConnection(gupshup.account({ appId: undefined }))).toMatchObject({
      outcome: 'not_tested',
      request: null,
      detail: expect.stringMatching(/App ID/)
    })
  })

  it('through the route: a 360dialog account made from its own fields (API key only) passes', async () => {
    const d360 = await fake('meta', { authScheme: 'd360', catalog: catalog() })
    t = await startTestEngine(tempDir())
    const { id } = await t.call('providers.create', {
      type: 'meta',
      name: '360dialog',
      config: {
        authScheme: 'd360',
        accessToken: String(d360.options.accessToken),
        baseUrl: d360.url
      }
    })
    expect(await t.call('providers.testConnection', { id })).toMatchObject({ outcome: 'ok' })
    const sandbox = await t.call('providers.create', { type: 'sandbox', name: 'S', config: {} })
    expect(await t.call('providers.testConnection', { id: sandbox.id })).toMatchObject({
      outcome: 'not_tested'
    })
    const missing = await t.engine.invoke('providers.testConnection', { id: 'nope' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
