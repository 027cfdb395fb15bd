import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

/** Backup (SQLite online backup) and staged restore of the data file. */
export function dataHandlers({
  data
}: EngineServices): DomainHandlers<'data.backup' | 'data.backups' | 'data.restore'> {
  return {
    'data.backup': (i) => data.backup(i),
    'data.backups': () => data.backups(),
    'data.restore': (i) => data.restore(i.name)
  }
}
