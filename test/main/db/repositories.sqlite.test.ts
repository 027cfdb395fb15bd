import { openDb } from '../../../src/main/db/openDb'
import { createProviderRepo } from '../../../src/main/db/repos/providerRepo'
import { createSettingRepo } from '../../../src/main/db/repos/settingRepo'
import {
  createConversionRepo,
  createStatsRebuild
} from '../../../src/main/db/repos/statsCounterRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { repositorySuite } from './repositorySuite'

const tempDir = useTempDirs()

// Today's backend: a real SQLite file through openDb (migrations applied), as the engine opens it.
repositorySuite({
  name: 'SQLite',
  open() {
    const db = openDb(tempDir())
    return {
      repos: {
        settings: createSettingRepo(db),
        providers: createProviderRepo(db),
        conversions: createConversionRepo(db),
        statsRebuild: createStatsRebuild(db)
      },
      close: () => db.close()
    }
  }
})
