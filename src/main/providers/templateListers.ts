import type { ProviderType } from '../../shared/ipc/routes/providers'
import { listGupshupTemplates } from './gupshup/templates'
import { listInfobipTemplates } from './infobip/templates'
import { listMetaTemplates } from './meta/templates'
import { listSandboxTemplates } from './sandbox/templates'
import { listTwilioTemplates } from './twilio/templates'
import type { ListTemplates } from '../templates/types'

/** Each provider type's template list call (360dialog rides on Meta's with `authScheme: d360`). */
export const TEMPLATE_LISTERS: Record<ProviderType, ListTemplates> = {
  meta: listMetaTemplates,
  twilio: listTwilioTemplates,
  gupshup: listGupshupTemplates,
  infobip: listInfobipTemplates,
  sandbox: () => listSandboxTemplates()
}
