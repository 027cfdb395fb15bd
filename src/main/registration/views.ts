import type { Output } from '../../shared/ipc/contract'
import type { RegistrationView } from '../../shared/ipc/routes/registration'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { EngineContext } from '../engine/context'
import { checkReadiness } from './readiness'
import { registrationStoreFor } from './storeFor'

/** One account's registration state as the Providers page shows it. */
export function registrationView(ctx: EngineContext, providerId: string): RegistrationView {
  const store = registrationStoreFor(ctx.db)
  const log = store.log(providerId, 10)
  return {
    providerId,
    enabled: store.enabled(providerId),
    currentUrl: ctx.providers.callbackUrlOf(providerId),
    latest: log[0] ?? null,
    log,
    readiness: checkReadiness(ctx, providerId)
  }
}

/** The stats page's part: the override recorded at launch and the gaps during the campaign. */
export function campaignRegistration(
  ctx: EngineContext,
  campaignId: string
): Output<'registration.campaign'> {
  const row = ctx.db
    .prepare<
      [string],
      { provider_id: string; launched_at: number | null; completed_at: number | null }
    >('SELECT provider_id, launched_at, completed_at FROM campaign WHERE id = ?')
    .get(campaignId)
  if (!row) throw new AppError(ErrorCode.notFound, `No campaign with id ${campaignId}`)
  const store = registrationStoreFor(ctx.db)
  const gaps =
    row.launched_at === null
      ? []
      : store.gaps(row.provider_id, row.launched_at, row.completed_at ?? Date.now())
  return { override: store.override(campaignId), gaps }
}
