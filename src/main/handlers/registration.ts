import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'registration.list'
  | 'registration.setEnabled'
  | 'registration.register'
  | 'registration.campaign'

/** Callback URL registration with the providers' APIs (issue #15). */
export function registrationHandlers({ registration }: EngineServices): DomainHandlers<Routes> {
  return {
    'registration.list': () => ({ accounts: registration.accounts() }),
    'registration.setEnabled': (i) => registration.setEnabled(i.providerId, i.enabled),
    'registration.register': (i) => registration.registerNow(i.providerId),
    'registration.campaign': (i) => registration.campaign(i.campaignId)
  }
}
