import type { Output } from '../../shared/ipc/contract'
import type { RegistrationView } from '../../shared/ipc/routes/registration'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { checkReadiness, type ReadinessSources } from './readiness'

/** One account's registration state as the Providers page shows it. */
export function registrationView(sources: ReadinessSources, providerId: string): RegistrationView {
  const { store } = sources
  const log = store.log(providerId, 10)
  return {
    providerId,
    enabled: store.enabled(providerId),
    currentUrl: sources.providers.callbackUrlOf(providerId),
    latest: log[0] ?? null,
    log,
    readiness: checkReadiness(sources, providerId)
  }
}

/** The stats page's part: the override recorded at launch and the gaps during the campaign. */
export function campaignRegistration(
  { store, clock }: ReadinessSources,
  campaignId: string
): Output<'registration.campaign'> {
  const row = store.campaignWindow(campaignId)
  if (!row) throw new AppError(ErrorCode.notFound, `No campaign with id ${campaignId}`)
  const gaps =
    row.launched_at === null
      ? []
      : store.gaps(row.provider_id, row.launched_at, row.completed_at ?? clock.now())
  return { override: store.override(campaignId), gaps }
}
