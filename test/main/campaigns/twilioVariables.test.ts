import { describe, expect, it } from 'vitest'
import { startTwilioFake } from '../../fakes/twilio'
import { twilioSidOf } from '../../fakes/templates'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { waitFor } from '../dispatch/helpers'
import { catalog } from '../templates/catalog'
import { useClosers } from '../../helpers/closers'

/**
 * Issue #20 item 5: Twilio refuses (21656) a ContentVariables value with a newline, a tab or more
 * than four spaces in a row (https://www.twilio.com/docs/api/errors/21656). Such a contact
 * property is a preview problem naming the variable and an example contact, and refuses the
 * launch, for small audiences at once and for large ones behind `qualifying`; the value is never
 * rewritten and no message is sent.
 */
const tempDir = useTempDirs()
const closeAfter = useClosers()

const ORDER = twilioSidOf({ name: 'order_update', language: 'en_US' })

async function setup(contacts: number, broken: Record<number, string>) {
  const fake = await startTwilioFake({ catalog: catalog() })
  closeAfter(() => fake.close())
  const t: TestEngine = await startTestEngine(tempDir())
  closeAfter(() => t.engine.close())
  const lines = ['phone,name,order']
  for (let i = 0; i < contacts; i++)
    lines.push(`+9198${String(10000000 + i)},User ${i},"${broken[i] ?? `#${i}`}"`)
  await t.call('contacts.import', { csv: lines.join('\n') })
  const provider = await t.call('providers.create', {
    type: 'twilio',
    name: 'Twilio',
    config: fake.account().config as never
  })
  await t.call('templates.sync', { providerId: provider.id })
  const draft = {
    name: 'Orders',
    providerId: provider.id,
    template: { name: ORDER, language: 'en_US', params: ['{{name}}', '{{order}}', 'Friday'] },
    audience: { all: true as const },
    controlGroupPercent: 0
  }
  return { t, fake, draft }
}

const problemFor = (n: number, of: number, example: string): string =>
  `Body variable {{2}} takes {{order}}, which has a line break, a tab or more than four spaces in a row for ${n} of ${of} qualified contacts (for example ${example}): Twilio refuses a template variable with a line break, a tab or more than four spaces in a row (error 21656). Clean the property or filter those contacts out; Tickboard does not change the text.`

describe('Twilio content variables Twilio refuses', () => {
  it('a line break, a tab or five spaces in a property is a preview problem and a refused launch', async () => {
    const { t, fake, draft } = await setup(40, {
      3: '#3\nsecond line',
      7: '#7\twith a tab',
      9: '#9     five spaces',
      11: '#11    four spaces are fine'
    })
    const preview = await t.call('campaigns.preview', { draft })
    // One problem for the three contacts (not one per contact); four spaces are allowed.
    expect(preview.problems.filter((p) => p.includes('21656'))).toEqual([
      problemFor(3, 40, '+919810000003')
    ])
    const { id } = await t.call('campaigns.create', draft)
    const launch = await t.engine.invoke('campaigns.launch', { id, overrideReadiness: true })
    expect(launch.ok || launch.error).toMatchObject({
      code: 'invalid_state',
      details: [problemFor(3, 40, '+919810000003')]
    })
    expect(fake.attempts).toEqual([])
    expect((await t.call('campaigns.get', { id })).status).toBe('draft')
  })

  it('fixed text with a line break in a variable is named too', async () => {
    const { t, draft } = await setup(5, {})
    const fixed = { ...draft, template: { ...draft.template, params: ['{{name}}', '#1\n#2', 'x'] } }
    const preview = await t.call('campaigns.preview', { draft: fixed })
    expect(preview.problems).toContain(
      'Body variable {{2}} has a line break, a tab or more than four spaces in a row in its text: Twilio refuses a template variable with a line break, a tab or more than four spaces in a row (error 21656).'
    )
  })

  it('an audience above 20,000 is refused behind qualifying, with the same problem', async () => {
    const { t, fake, draft } = await setup(21_000, { 20_500: '#20500\r\nsecond line' })
    const { id } = await t.call('campaigns.create', draft)
    const launched = await t.call('campaigns.launch', { id, overrideReadiness: true })
    expect(launched.status).toBe('qualifying')
    const refused = await waitFor(
      () => t.call('campaigns.get', { id }),
      (c) => c.status === 'draft',
      30_000
    )
    expect(refused.pausedReason).toBe(`Not launched: ${problemFor(1, 21_000, '+919810020500')}`)
    const db = t.engine.db
    expect(db.prepare('SELECT COUNT(*) FROM message WHERE campaign_id = ?').pluck().get(id)).toBe(0)
    expect(fake.attempts).toEqual([])
  }, 60_000)
})
