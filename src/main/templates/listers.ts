import type { ProviderType } from '../../shared/ipc/routes/providers'
import { listGupshupTemplates } from '../providers/gupshup/templates'
import { listInfobipTemplates } from '../providers/infobip/templates'
import { listMetaTemplates } from '../providers/meta/templates'
import { listSandboxTemplates } from '../providers/sandbox/templates'
import { listTwilioTemplates } from '../providers/twilio/templates'
import type { ListTemplates } from './types'

/** Each provider type's template list call (360dialog rides on Meta's with `authScheme: d360`). */
export const TEMPLATE_LISTERS: Record<ProviderType, ListTemplates> = {
  meta: listMetaTemplates,
  twilio: listTwilioTemplates,
  gupshup: listGupshupTemplates,
  infobip: listInfobipTemplates,
  sandbox: () => listSandboxTemplates()
}
