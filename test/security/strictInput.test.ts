import { afterEach, describe, expect, it } from 'vitest'
import { routes, type Route } from '../../src/shared/ipc/contract'
import { isStrict, objectsOf } from '../../src/shared/ipc/inputIssues'
import { fieldErrors } from '../../src/shared/domain/providerForm'
import { startEngineApi, type EngineApi } from '../helpers/engineApi'
import { useTempDirs } from '../helpers/tempDir'

/**
 * Issue #20 item 7: an unknown field is refused at every level, naming its path, instead of being
 * dropped (a misplaced `ratePerSecond` used to answer 200 and run the account at the default).
 */
describe('strict input on every route', () => {
  it('every object in every route input refuses unknown fields', () => {
    const loose: string[] = []
    for (const route of Object.keys(routes) as Route[])
      for (const { path, def } of objectsOf(routes[route].input))
        if (!isStrict(def)) loose.push(`${route} ${path.map(String).join('.') || '(top)'}`)
    // A new route or field declared with z.object (which drops unknown fields) lands here: use
    // z.strictObject. Records (data keys such as contact properties) are not objects and pass.
    expect(loose).toEqual([])
    expect(Object.keys(routes).length).toBeGreaterThan(40)
  })

  const tempDir = useTempDirs()
  let api: EngineApi | null = null
  afterEach(async () => {
    await api?.close()
    api = null
  })

  it('providers.create with a misplaced field answers 400 naming it, and creates nothing', async () => {
    api = await startEngineApi(tempDir(), tempDir())
    const reply = await api.post('providers.create', {
      type: 'sandbox',
      name: 'Fast sandbox',
      ratePerSecond: 5,
      config: {}
    })
    expect(reply.status).toBe(400)
    expect(reply.body.error?.code).toBe('invalid_input')
    expect(reply.body.error?.message).toBe(
      'ratePerSecond: not a field of providers.create; did you mean config.ratePerSecond?'
    )
    const list = await api.post('providers.list', {})
    expect(list.body.providers).toEqual([])
  })

  it('a nested unknown field of a campaign draft answers 400 with its path', async () => {
    api = await startEngineApi(tempDir(), tempDir())
    const created = await api.post('providers.create', { type: 'sandbox', name: 'S', config: {} })
    expect(created.status).toBe(200)
    const draft = {
      name: 'Spring',
      providerId: created.body.id,
      template: { name: 'offer', language: 'en', params: [], header_text: 'Hi' },
      audience: { all: true },
      controlGroupPercent: 10
    }
    const reply = await api.post('campaigns.create', draft)
    expect(reply.status).toBe(400)
    expect(reply.body.error?.message).toBe(
      'template.header_text: not a field of template in campaigns.create'
    )
    const filter = { filter: [{ property: 'city', op: 'eq', value: 'Pune', valeu: 'x' }] }
    const nested = await api.post('campaigns.preview', { draft: { ...draft, audience: filter } })
    expect(nested.status).toBe(400)
    expect(nested.body.error?.message).toContain('draft.audience.filter.0.valeu: not a field of')
    expect((await api.post('campaigns.list', {})).body.campaigns).toEqual([])
  })

  it('providers.update refuses a field the account type does not have', async () => {
    api = await startEngineApi(tempDir(), tempDir())
    const created = await api.post('providers.create', { type: 'sandbox', name: 'S', config: {} })
    const reply = await api.post('providers.update', {
      id: created.body.id,
      config: { ratePerSecond: 7, deliveredrate: 0.5 }
    })
    expect(reply.status).toBe(400)
    expect(reply.body.error?.message).toBe(
      'config.deliveredrate: not a field of config in providers.update'
    )
    const list = await api.post('providers.list', {})
    expect((list.body.providers as { ratePerSecond: number }[])[0]!.ratePerSecond).not.toBe(7)
  })

  it('the provider form gets readable messages per field, not zod texts', async () => {
    api = await startEngineApi(tempDir(), tempDir())
    const reply = await api.post('providers.create', {
      type: 'twilio',
      name: '',
      config: { accountSid: 'AC1', authToken: '', from: 'whatsapp:+15550001111', baseUrl: 'ftp:x' }
    })
    expect(reply.status).toBe(400)
    expect(fieldErrors(reply.body.error?.details)).toEqual({
      name: 'required',
      accountSid: 'Account SID looks like AC followed by 32 hex digits',
      authToken: 'required',
      baseUrl: 'must be a web address starting with https:// or http://'
    })
    expect(reply.body.error?.message).not.toMatch(/Too small|expected string/)
  })
})
