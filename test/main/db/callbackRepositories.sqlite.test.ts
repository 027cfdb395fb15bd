import { createCallbackInboxRepo } from '../../../src/main/db/repos/callbackInboxRepo'
import { createCallbackUnmatchedRepo } from '../../../src/main/db/repos/callbackUnmatchedRepo'
import { createMarketingActionRepo } from '../../../src/main/db/repos/marketingActionRepo'
import { createProviderRepo } from '../../../src/main/db/repos/providerRepo'
import { createRegistrationRepo } from '../../../src/main/db/repos/registrationRepo'
import { createTunnelEventRepo } from '../../../src/main/db/repos/tunnelEventRepo'
import { useTempDirs } from '../../helpers/tempDir'
import { callbackRepositorySuite } from './callbackRepositorySuite'
import { sqliteBackend } from './storageBackend'

const tempDir = useTempDirs()

callbackRepositorySuite(
  sqliteBackend(tempDir, (db) => ({
    providers: createProviderRepo(db),
    inbox: createCallbackInboxRepo(db),
    unmatched: createCallbackUnmatchedRepo(db),
    tunnelEvents: createTunnelEventRepo(db),
    registrations: createRegistrationRepo(db),
    marketingActions: createMarketingActionRepo(db)
  }))
)
