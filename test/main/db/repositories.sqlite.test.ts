import { createProviderRepo } from '../../../src/main/db/repos/providerRepo'
import { createSettingRepo } from '../../../src/main/db/repos/settingRepo'
import {
  createConversionRepo,
  createStatsRebuild
} from '../../../src/main/db/repos/statsCounterRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { repositorySuite } from './repositorySuite'
import { sqliteBackend } from './storageBackend'

const tempDir = useTempDirs()

// Today's backend (see sqliteBackend).
repositorySuite(
  sqliteBackend(tempDir, (db) => ({
    settings: createSettingRepo(db),
    providers: createProviderRepo(db),
    conversions: createConversionRepo(db),
    statsRebuild: createStatsRebuild(db)
  }))
)
