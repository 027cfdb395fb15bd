import { join } from 'node:path'
import type { EngineOptions } from '../../../src/main/engine/createEngine'
import type { Output } from '../../../src/shared/ipc/contract'
import type { CampaignDraft } from '../../../src/shared/ipc/routes/campaigns'
import { startFake, type FakeByType } from '../../fakes'
import { useClosers } from '../../helpers/closers'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { catalog } from './catalog'

export interface SyncedMeta {
  t: TestEngine
  fake: FakeByType['meta']
  provider: Output<'providers.create'>
}

/**
 * The template tests' set-up: the Meta fake serving the test catalog, a fresh engine with the
 * contacts of `csv`, an account on the fake and its templates synced. Both are closed after each
 * test (the engine first).
 */
export function useSyncedMeta(): (
  csv: string,
  options?: Partial<EngineOptions>
) => Promise<SyncedMeta> {
  const tempDir = useTempDirs()
  const closeAfter = useClosers()
  return async (csv, options = {}) => {
    const fake = await startFake('meta', { catalog: catalog() })
    closeAfter(() => fake.close())
    const t = await startTestEngine(join(tempDir(), 'data'), options)
    closeAfter(() => t.engine.close())
    await t.call('contacts.import', { csv })
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta fake',
      config: fake.account().config as never
    })
    await t.call('templates.sync', { providerId: provider.id })
    return { t, fake, provider }
  }
}

/** The campaign these tests send: order_update (3 variables) to everyone, no control group. */
export const orderUpdates = (providerId: string, ratePerSecond: number): CampaignDraft => ({
  name: 'Order updates',
  providerId,
  template: { name: 'order_update', language: 'en_US', params: ['{{name}}', '#1', 'Friday'] },
  audience: { all: true },
  controlGroupPercent: 0,
  ratePerSecond
})
