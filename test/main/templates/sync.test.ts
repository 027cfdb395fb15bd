import { describe, expect, it } from 'vitest'
import { TEMPLATE_LISTERS } from '../../../src/main/providers/templateListers'
import { startFake, type FakeType } from '../../fakes'
import { gupshupIdOf, twilioSidOf } from '../../fakes/templates'
import { catalog, CATALOG } from './catalog'
import { useClosers } from '../../helpers/closers'

/** What each provider names a template by in its sends (Twilio: ContentSid; Gupshup: its id). */
const sendName: Record<FakeType | 'd360', (t: (typeof CATALOG)[number]) => string> = {
  meta: (t) => t.name,
  d360: (t) => t.name,
  twilio: (t) => twilioSidOf(t),
  gupshup: (t) => gupshupIdOf(t),
  infobip: (t) => t.name
}

describe('template sync against each provider fake (paged lists)', () => {
  const closeAfter = useClosers()

  async function listFrom(kind: FakeType | 'd360', pageSize: number) {
    const fake =
      kind === 'd360'
        ? await startFake('meta', { authScheme: 'd360', catalog: catalog(pageSize) })
        : await startFake(kind, { catalog: catalog(pageSize) })
    closeAfter(() => fake.close())
    const account = fake.account()
    return TEMPLATE_LISTERS[account.type](account, AbortSignal.timeout(10_000))
  }

  for (const kind of ['meta', 'd360', 'twilio', 'gupshup', 'infobip'] as const) {
    it(`${kind}: follows every page and stores every template with its variables`, async () => {
      const templates = await listFrom(kind, 2)
      expect(templates).toHaveLength(CATALOG.length)
      expect(templates.map((t) => t.name).sort()).toEqual(CATALOG.map(sendName[kind]).sort())
      const order = templates.find(
        (t) => t.name === sendName[kind](CATALOG[0]!) && t.language === 'en_US'
      )!
      expect(order.status).toBe('APPROVED')
      expect(order.category).toBe('utility')
      expect(order.variables.map((v) => v.key)).toEqual(['body.1', 'body.2', 'body.3'])
      const paused = templates.find((t) => t.name === sendName[kind](CATALOG[4]!))!
      expect(paused.status).toBe('PAUSED')
      const named = templates.find((t) => t.name === sendName[kind](CATALOG[1]!))!
      expect(named.parameterFormat).toBe('named')
      expect(named.variables.map((v) => v.name)).toEqual(['first_name', 'city'])
      const code = templates.find((t) => t.name === sendName[kind](CATALOG[3]!))!
      expect(code.category).toBe('authentication')
      if (kind !== 'twilio')
        expect(code.variables.map((v) => v.kind)).toEqual(['text', 'copy_code'])
      const promo = templates.find((t) => t.name === sendName[kind](CATALOG[2]!))!
      expect(promo.components.header?.format).toBe(kind === 'twilio' ? undefined : 'image')
      expect(promo.variables.some((v) => v.kind === 'url_suffix')).toBe(true)
    })
  }

  it('a page size of one still collects the whole list (six pages)', async () => {
    expect(await listFrom('meta', 1)).toHaveLength(CATALOG.length)
    expect(await listFrom('twilio', 1)).toHaveLength(CATALOG.length)
  })

  it('wrong credentials and a missing WABA id fail with a message, not a crash', async () => {
    const fake = await startFake('meta', { catalog: catalog() })
    closeAfter(() => fake.close())
    const list = TEMPLATE_LISTERS.meta
    await expect(
      list(fake.account({ accessToken: 'wrong' }), AbortSignal.timeout(5000))
    ).rejects.toThrow(/refused the credentials/)
    await expect(
      list(fake.account({ wabaId: undefined }), AbortSignal.timeout(5000))
    ).rejects.toThrow(/wabaId/)
  })
})
