import { describe, expect, it } from 'vitest'
import { adapterFor } from '../../../src/main/providers/registry'
import type { SendRequest } from '../../../src/main/providers/types'
import { startFake, type FakeType } from '../../fakes'
import { gupshupIdOf, twilioSidOf } from '../../fakes/templates'
import { catalog } from './catalog'
import { useClosers } from '../../helpers/closers'

const order = { name: 'order_update', language: 'en_US' }
/** The name each provider's send uses for the catalog's order_update / en_US. */
const nameOf: Record<FakeType, string> = {
  meta: order.name,
  twilio: twilioSidOf(order),
  gupshup: gupshupIdOf(order),
  infobip: order.name
}
const unknownName: Record<FakeType, string> = {
  meta: 'nope',
  twilio: `HX${'0'.repeat(32)}`,
  gupshup: '00000000-0000-4000-8000-000000000000',
  infobip: 'nope'
}
/** The provider's own code for: unknown template, wrong number of values. */
const codes: Record<FakeType, [string, string]> = {
  meta: ['132001', '132000'],
  twilio: ['63027', '21656'],
  gupshup: ['4003', '4003'],
  infobip: ['BAD_REQUEST', 'BAD_REQUEST']
}

describe("the fakes' sends refuse what the real provider refuses", () => {
  const closeAfter = useClosers()

  for (const type of ['meta', 'twilio', 'gupshup', 'infobip'] as const) {
    it(`${type}: unknown template and a wrong number of values, with the provider's code`, async () => {
      const fake = await startFake(type, { catalog: catalog() })
      closeAfter(() => fake.close())
      const adapter = adapterFor(type)
      const send = (name: string, params: string[]) => {
        const request: SendRequest = {
          ourId: 'tb_test',
          to: '+919812300001',
          template: { name, language: order.language, params },
          callbackUrl: null
        }
        return adapter.send(fake.account(), request, AbortSignal.timeout(5000))
      }
      const unknown = await send(unknownName[type], ['a'])
      expect(unknown).toMatchObject({ kind: 'rejected', providerCode: codes[type][0] })
      const short = await send(nameOf[type], ['Ana', '#1'])
      expect(short).toMatchObject({ kind: 'rejected', providerCode: codes[type][1] })
      const right = await send(nameOf[type], ['Ana', '#1', 'Friday'])
      expect(right.kind).toBe('accepted')
    })
  }

  it('meta: a paused template answers 132015', async () => {
    const fake = await startFake('meta', { catalog: catalog() })
    closeAfter(() => fake.close())
    const outcome = await adapterFor('meta').send(
      fake.account(),
      {
        ourId: 'tb_x',
        to: '+919812300001',
        template: { name: 'winback', language: 'en', params: ['Ana'] },
        callbackUrl: null
      },
      AbortSignal.timeout(5000)
    )
    expect(outcome).toMatchObject({ kind: 'rejected', providerCode: '132015' })
  })
})
