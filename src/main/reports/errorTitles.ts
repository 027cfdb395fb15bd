import type { DispatchErrorReason } from '../../shared/domain/dispatch'

/** Short titles of dispatch error reasons for export cells (the stats view explains them). */
const TITLES: Record<DispatchErrorReason, string> = {
  timeout: 'The provider did not answer in time',
  auth_failed: 'The provider refused the credentials',
  rate_limited: 'The provider rate limit was hit',
  invalid_request: 'The provider rejected the request',
  provider_error: 'The provider reported an error',
  network: 'The provider could not be reached',
  campaign_limit: 'Beyond the campaign limit',
  cancelled: 'The campaign was cancelled'
}

export function dispatchErrorTitle(code: string): string {
  return TITLES[code as DispatchErrorReason] ?? code
}
