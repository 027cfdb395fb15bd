import { describe, expect, it } from 'vitest'
import type { ProviderRepo } from '../../../src/main/db/repos/providerRepo'
import type { SettingRepo } from '../../../src/main/db/repos/settingRepo'
import type { ConversionRepo, StatsRebuild } from '../../../src/main/db/repos/statsCounterRepo'
import { withStoreOf, type BackendOf } from './storageBackend'

/**
 * The storage seam (README, "Storage backends"): what a backend hands the composition root. Each
 * is an interface of src/main/db/repos; SQLite implements them today, a second backend
 * (PostgreSQL for the team server) implements the same and runs this suite unchanged.
 */
export interface Repositories {
  settings: SettingRepo
  providers: ProviderRepo
  conversions: ConversionRepo
  statsRebuild: StatsRebuild
}

export type StorageBackend = BackendOf<Repositories>

/** The repository suite, against whatever backend it is given. */
export function repositorySuite(backend: StorageBackend): void {
  const withRepos = withStoreOf(backend)

  describe(`repositories on ${backend.name}`, () => {
    it(
      'settings: set, read back, replace, delete, and make-once keeps the first value',
      withRepos(({ settings }) => {
        expect(settings.get('k')).toBeNull()
        settings.set('k', 'one')
        settings.set('k', 'two')
        expect(settings.get('k')).toBe('two')
        settings.delete('k')
        expect(settings.get('k')).toBeNull()
        let made = 0
        const make = (): string => `v${++made}`
        expect(settings.once('secret', make)).toBe('v1')
        expect(settings.once('secret', make)).toBe('v1')
        expect(made).toBe(1)
      })
    )

    it(
      'providers: inserted rows are read back by id and in the list, updates replace them',
      withRepos(({ providers }) => {
        const row = {
          id: 'p1',
          type: 'sandbox' as const,
          name: 'Sandbox',
          public_config: '{}',
          secret_config: null,
          callback_token: 'tok',
          rate_per_second: 20,
          created_at: 1,
          updated_at: 1
        }
        providers.insert(row)
        expect(providers.get('p1')).toMatchObject({
          id: 'p1',
          name: 'Sandbox',
          rate_per_second: 20
        })
        providers.update({ ...row, name: 'Renamed', updated_at: 2 })
        expect(providers.list().map((p) => [p.id, p.name])).toEqual([['p1', 'Renamed']])
        expect(providers.get('nope')).toBeUndefined()
      })
    )

    it(
      'stats counting: a suspended campaign without messages is counted in one step; nothing is dirty',
      withRepos(({ conversions, statsRebuild }) => {
        expect(conversions.anyDirtyCampaign()).toBeUndefined()
        expect(conversions.hasDirty('c1')).toBe(false)
        expect(conversions.applyChunk('c1', 10)).toBe(0)
        expect(statsRebuild.progress('c1')).toBeNull()
        statsRebuild.suspend('c1')
        expect(statsRebuild.suspended()).toEqual(['c1'])
        expect(statsRebuild.progress('c1')).toEqual({ counted: 0, lastMessageId: 0 })
        expect(statsRebuild.step('c1')).toBe(true)
        expect(statsRebuild.progress('c1')).toBeNull()
        expect(statsRebuild.suspended()).toEqual([])
      })
    )
  })
}
