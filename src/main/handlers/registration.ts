import type { EngineContext } from '../engine/context'
import { createRegistrationService } from '../registration/service'
import { campaignRegistration, registrationView } from '../registration/views'
import type { DomainHandlers } from './types'

type Routes =
  | 'registration.list'
  | 'registration.setEnabled'
  | 'registration.register'
  | 'registration.campaign'

/** Callback URL registration with the providers' APIs (issue #15). */
export function registrationHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  const service = createRegistrationService(ctx)
  service.start()
  ctx.onClose(() => service.stop())
  return {
    'registration.list': () => ({
      accounts: ctx.providers
        .list()
        .filter((p) => p.type !== 'sandbox')
        .map((p) => registrationView(ctx, p.id))
    }),
    'registration.setEnabled'(input) {
      service.setEnabled(input.providerId, input.enabled)
      return registrationView(ctx, input.providerId)
    },
    async 'registration.register'(input) {
      ctx.providers.get(input.providerId)
      await service.register(input.providerId, 'manual')
      return registrationView(ctx, input.providerId)
    },
    'registration.campaign': (input) => campaignRegistration(ctx, input.campaignId)
  }
}
