import type { Server } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../src/main/headless/apiServer'
import type { CampaignDraft } from '../../../src/shared/ipc/routes/campaigns'
import { startFake, type AnyFake } from '../../fakes'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { waitFor } from '../dispatch/helpers'
import { catalog, CATALOG } from './catalog'
import { useSyncedMeta } from './syncedMeta'

const CONTACTS = 20
const csv = [
  'phone,name,city',
  ...Array.from({ length: CONTACTS }, (_, i) => `+9198123${String(i).padStart(5, '0')},P${i},Pune`)
].join('\n')

describe('a synced template checked before launch (Meta fake)', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  let fake: AnyFake | null = null
  let server: Server | null = null
  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r))
    await t?.engine.close()
    await fake?.close()
    t = fake = server = null
  })
  const syncedMeta = useSyncedMeta()

  it('3 variables mapped to 2 is a preview problem and a refused launch (409), not dispatch errors', async () => {
    const dir = tempDir()
    fake = await startFake('meta', { catalog: catalog() })
    t = await startTestEngine(join(dir, 'data'))
    await t.call('contacts.import', { csv })
    const { config } = fake.account()
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta fake',
      config: config as never
    })
    const synced = await t.call('templates.sync', { providerId: provider.id })
    expect(synced.error).toBeNull()
    expect(synced.templates).toHaveLength(CATALOG.length)
    expect((await t.call('templates.list', { providerId: provider.id })).templates).toHaveLength(
      CATALOG.length
    )

    const draft: CampaignDraft = {
      name: 'Order update',
      providerId: provider.id,
      template: { name: 'order_update', language: 'en_US', params: ['{{name}}', '#1234'] },
      audience: { all: true },
      controlGroupPercent: 0
    }
    const preview = await t.call('campaigns.preview', { draft })
    const problem = preview.problems.find((p) => p.includes('order_update'))
    expect(problem).toMatch(/takes 3 variables; 2 mapped, not mapped: body \{\{3\}\}/)

    const { id } = await t.call('campaigns.create', draft)
    t.engine.services.users.bootstrap('launch-check-token')
    const api = await startApiServer({ engine: t.engine, port: 0, rendererDir: dir })
    server = api.server
    const refused = await fetch(`http://127.0.0.1:${api.port}/api/campaigns.launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer launch-check-token' },
      body: JSON.stringify({ id, overrideReadiness: true })
    })
    expect(refused.status).toBe(409)
    const body = (await refused.json()) as { error: { message: string } }
    expect(body.error.message).toContain(problem)
    expect(fake.attempts).toHaveLength(0)

    // Unknown, unapproved: the same check names them.
    const unknown = await t.call('campaigns.preview', {
      draft: { ...draft, template: { name: 'nope', language: 'en', params: [] } }
    })
    expect(unknown.problems.join(' ')).toMatch(/nope \(en\) is not in the provider's template list/)
    const paused = await t.call('campaigns.preview', {
      draft: { ...draft, template: { name: 'winback', language: 'en', params: ['{{name}}'] } }
    })
    expect(paused.problems.join(' ')).toMatch(/winback \(en\) is PAUSED.*only an APPROVED/)

    // Mapped in full: launches, sends three values, and fixes the category at launch.
    await t.call('campaigns.update', {
      id,
      draft: {
        ...draft,
        template: { ...draft.template, params: ['{{name}}', '#1234', '{{city|soon}}'] }
      },
      version: 1
    })
    await t.call('campaigns.launch', { id, overrideReadiness: true })
    const done = await waitFor(
      () => t!.call('campaigns.get', { id }),
      (c) => c.status === 'completed',
      20_000
    )
    expect(done.status).toBe('completed')
    expect(done.progress.sent).toBe(CONTACTS)
    expect(done.template?.category).toBe('utility')
    expect(done.template?.text).toBe('Hi {{name}}, order #1234 ships on {{city|soon}}.')
    const first = fake.requests[0]!
    expect(first.template.params).toEqual([expect.stringMatching(/^P\d+$/), '#1234', 'Pune'])
    const row = t.engine.db
      .prepare('SELECT template_category FROM campaign WHERE id = ?')
      .get(id) as { template_category: string }
    expect(row.template_category).toBe('utility')
  })

  it('named, header media and button values reach Meta in their components', async () => {
    const { t, fake, provider } = await syncedMeta(csv.split('\n').slice(0, 3).join('\n'))
    const base = {
      providerId: provider.id,
      audience: { all: true as const },
      controlGroupPercent: 0
    }
    const named = await t.call('campaigns.create', {
      ...base,
      name: 'Named',
      template: {
        name: 'welcome_named',
        language: 'en',
        params: { first_name: '{{name}}', city: '{{city}}' }
      }
    })
    const promo = await t.call('campaigns.create', {
      ...base,
      name: 'Promo',
      template: {
        name: 'spring_promo',
        language: 'en',
        params: ['{{name}}'],
        header: 'https://cdn.test/{{city}}.jpg',
        buttons: { '0': 'spring?c={{city}}' }
      }
    })
    for (const { id } of [named, promo]) {
      await t.call('campaigns.launch', { id, overrideReadiness: true })
      const done = await waitFor(
        () => t!.call('campaigns.get', { id }),
        (c) => c.status === 'completed',
        20_000
      )
      expect(done.progress.sent).toBe(2)
      expect(done.progress.dispatchErrors ?? 0).toBe(0)
    }
    const bodies = fake.requests.map(
      (r) => (r.body as { template: { name: string; components: unknown[] } }).template
    )
    expect(bodies.find((b) => b.name === 'welcome_named')!.components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: expect.stringMatching(/^P/) },
          { type: 'text', parameter_name: 'city', text: 'Pune' }
        ]
      }
    ])
    expect(bodies.find((b) => b.name === 'spring_promo')!.components).toEqual([
      {
        type: 'header',
        parameters: [{ type: 'image', image: { link: 'https://cdn.test/Pune.jpg' } }]
      },
      { type: 'body', parameters: [{ type: 'text', text: expect.stringMatching(/^P/) }] },
      {
        type: 'button',
        sub_type: 'url',
        index: '0',
        parameters: [{ type: 'text', text: 'spring?c=Pune' }]
      }
    ])
  })
})
