import type { EngineOptions } from '../../../src/main/engine/createEngine'
import type { Output } from '../../../src/shared/ipc/contract'
import { startFake, type FakeByType, type FakeOptionsByType, type FakeType } from '../../fakes'
import { useClosers } from '../../helpers/closers'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

export type MetaFake = Awaited<ReturnType<typeof startFake<'meta'>>>

/** `n` contacts with a name and a city; phones +91 98 1000 0000 + i. */
export function contactsCsv(n: number, offset = 0): string {
  const lines = ['phone,name,city']
  for (let i = offset; i < offset + n; i++)
    lines.push(`+9198${String(10000000 + i)},Person ${i},${i % 2 ? 'Pune' : 'Delhi'}`)
  return lines.join('\n')
}

export const phoneOf = (i: number): string => `+9198${String(10000000 + i)}`

export function metaConfig(fake: MetaFake, overrides: Record<string, unknown> = {}) {
  return {
    phoneNumberId: fake.options.phoneNumberId,
    accessToken: fake.options.accessToken,
    appSecret: fake.options.appSecret,
    verifyToken: 'verify-me',
    baseUrl: fake.url,
    ratePerSecond: 1000,
    ...overrides
  }
}

export interface DispatchRig<T extends FakeType> {
  t: TestEngine
  fake: FakeByType[T]
  provider: Output<'providers.create'>
}

export interface DispatchRigOptions<T extends FakeType> {
  /** How many contacts (contactsCsv) the engine imports. */
  contacts: number
  /** The account's config on the fake. */
  config: (fake: FakeByType[T]) => Record<string, unknown>
  fake?: FakeOptionsByType[T]
  engine?: Partial<EngineOptions>
}

/**
 * The dispatch tests' set-up: the provider's fake, a fresh engine with its contacts and an
 * account on the fake. Call at module scope; both are closed after each test, the engine first.
 */
export function useDispatchRig(): <T extends FakeType>(
  type: T,
  options: DispatchRigOptions<T>
) => Promise<DispatchRig<T>> {
  const tempDir = useTempDirs()
  const closeAfter = useClosers()
  return async (type, options) => {
    const fake = await startFake(type, options.fake)
    closeAfter(() => fake.close())
    const t = await startTestEngine(tempDir(), options.engine)
    closeAfter(() => t.engine.close())
    await t.call('contacts.import', { csv: contactsCsv(options.contacts) })
    const provider = await t.call('providers.create', {
      type,
      name: type === 'meta' ? 'Meta fake' : `${type} fake`,
      config: options.config(fake) as never
    })
    return { t, fake, provider }
  }
}

/** A template from the Sandbox's own list, with the same two values as the default draft. */
export const SANDBOX_TEMPLATE = {
  name: 'diwali_offer',
  language: 'en',
  params: ['{{name}}', 'From {{city}}']
}

export function campaignDraft(providerId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test campaign',
    providerId,
    template: { name: 'offer', language: 'en', params: ['{{name}}', 'From {{city}}'] },
    audience: { all: true as const },
    controlGroupPercent: 0,
    conversion: null,
    limit: null,
    ratePerSecond: 1000,
    scheduleAt: null,
    ...overrides
  }
}

export async function waitFor<T>(
  fn: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 30_000
): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (ok(v) || Date.now() > end) return v
    await new Promise((r) => setTimeout(r, 50))
  }
}

export interface StateCount {
  grp: string
  state: string
  error: string | null
  n: number
}

export function stateCounts(t: TestEngine, campaignId: string) {
  const rows = t.engine.db
    .prepare(
      `SELECT grp, dispatch_state AS state, dispatch_error AS error, COUNT(*) AS n
       FROM message WHERE campaign_id = ? GROUP BY 1, 2, 3`
    )
    .all(campaignId) as StateCount[]
  const sum = (f: (r: StateCount) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0)
  return {
    rows,
    control: sum((r) => r.grp === 'control'),
    target: sum((r) => r.grp === 'target'),
    sent: sum((r) => r.state === 'sent'),
    errors: sum((r) => r.state === 'error'),
    unknown: sum((r) => r.state === 'unknown'),
    byError: (e: string) => sum((r) => r.error === e)
  }
}
