import { describe, expect, it } from 'vitest'
import { providerInput } from '../../../src/shared/ipc/routes/providers'
import {
  FIELDS,
  kindOf,
  toConfig,
  typeOf,
  type ProviderKind
} from '../../../src/shared/domain/providerForm'

/** The Providers form's field lists must match the contract the engine validates against. */
describe('provider form fields', () => {
  it('names only fields the contract knows, and marks exactly its required ones', () => {
    for (const kind of Object.keys(FIELDS) as ProviderKind[]) {
      const type = typeOf(kind)
      const option = providerInput.options.find((o) => o.shape.type.value === type)!
      const shape = option.shape.config.shape as Record<
        string,
        { safeParse(v: unknown): { success: boolean } }
      >
      for (const field of FIELDS[kind])
        expect(Object.keys(shape), `${kind}.${field.name}`).toContain(field.name)
      const required = Object.entries(shape)
        .filter(([, schema]) => !schema.safeParse(undefined).success)
        .map(([name]) => name)
      expect(
        FIELDS[kind]
          .filter((f) => f.required)
          .map((f) => f.name)
          .sort(),
        kind
      ).toEqual(required.sort())
    }
  })

  it('turns form text into a config the engine accepts; 360dialog is Meta with the D360 scheme', () => {
    const values = {
      phoneNumberId: ' 106540352242922 ',
      accessToken: 'key',
      appSecret: 'secret',
      verifyToken: 'vt',
      ratePerSecond: '40',
      apiVersion: ''
    }
    const config = toConfig('360dialog', values)
    expect(config).toEqual({
      phoneNumberId: '106540352242922',
      accessToken: 'key',
      appSecret: 'secret',
      verifyToken: 'vt',
      ratePerSecond: 40,
      authScheme: 'd360',
      baseUrl: 'https://waba-v2.360dialog.io'
    })
    expect(providerInput.safeParse({ type: typeOf('360dialog'), name: 'D', config }).success).toBe(
      true
    )
    expect(kindOf('meta', config)).toBe('360dialog')
    expect(kindOf('meta', { authScheme: 'bearer' })).toBe('meta')
    // Text in a number field goes through as text so the engine's message names the field.
    expect(toConfig('sandbox', { latencyMs: 'fast' })).toEqual({ latencyMs: 'fast' })
  })
})
