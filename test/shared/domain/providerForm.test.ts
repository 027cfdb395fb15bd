import { describe, expect, it } from 'vitest'
import { providerInput } from '../../../src/shared/ipc/routes/providers'
import {
  FIELDS,
  kindOf,
  toConfig,
  typeOf,
  type ProviderKind
} from '../../../src/shared/domain/providerForm'

const SAMPLE: Record<string, string> = {
  baseUrl: 'https://x.example',
  accountSid: `AC${'0'.repeat(32)}`
}

/** The Providers form's field lists must match the contract the engine validates against. */
describe('provider form fields', () => {
  it('names only fields the contract knows, and marks exactly its required ones', () => {
    for (const kind of Object.keys(FIELDS) as ProviderKind[]) {
      const type = typeOf(kind)
      const option = providerInput.options.find((o) => o.shape.type.value === type)!
      const shape = option.shape.config.shape as Record<string, unknown>
      for (const field of FIELDS[kind])
        expect(Object.keys(shape), `${kind}.${field.name}`).toContain(field.name)
      // Required as the engine checks the whole config: every required field filled parses,
      // and leaving out any one of them is refused naming that field.
      const values = (skip?: string) =>
        Object.fromEntries(
          FIELDS[kind]
            .filter((f) => f.required && f.name !== skip)
            .map((f) => [f.name, SAMPLE[f.name] ?? 'v'])
        )
      const parse = (skip?: string) =>
        providerInput.safeParse({ type, name: 'n', config: toConfig(kind, values(skip)) })
      expect(parse().success, kind).toBe(true)
      for (const field of FIELDS[kind].filter((f) => f.required)) {
        const refused = parse(field.name)
        expect(refused.success, `${kind} without ${field.name}`).toBe(false)
        expect(refused.error!.issues.map((i) => i.path.join('.'))).toContain(`config.${field.name}`)
      }
      for (const field of FIELDS[kind].filter((f) => !f.required && f.name !== 'baseUrl'))
        expect(values()[field.name], `${kind}.${field.name} optional`).toBeUndefined()
    }
  })

  it("asks for 360dialog's own fields: the channel's API key, no Meta ids or secrets", () => {
    expect(FIELDS['360dialog'].map((f) => f.name)).toEqual([
      'accessToken',
      'baseUrl',
      'ratePerSecond'
    ])
    expect(FIELDS['360dialog'][0]).toMatchObject({ label: 'API key', required: true })
    expect(FIELDS['360dialog'][0]!.help).toMatch(/D360-API-KEY/)
    // A Meta account still needs Meta's.
    const meta = providerInput.safeParse({ type: 'meta', name: 'm', config: { accessToken: 't' } })
    expect(meta.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'config.appSecret',
      'config.phoneNumberId',
      'config.verifyToken'
    ])
  })

  it('turns form text into a config the engine accepts; 360dialog is Meta with the D360 scheme', () => {
    const values = { accessToken: ' key ', ratePerSecond: '40', baseUrl: '' }
    const config = toConfig('360dialog', values)
    expect(config).toEqual({
      accessToken: 'key',
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
