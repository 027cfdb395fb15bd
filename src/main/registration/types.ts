import type { ProviderAccount } from '../providers/providerAccounts'
import type { RegistrationOutcome } from '../db/repos/registrationRepo'

/** What one registration attempt came to, in the operator's words plus the raw answer. */
export interface RegistrationResult {
  outcome: RegistrationOutcome
  /** Shown on the Providers page: what happened and, when it failed, what to do. */
  detail: string
  /** The provider's answer(s), excerpted. */
  answer: string | null
}

/** Sets `url` as the account's callback URL through the provider's API. */
export type Registrar = (account: ProviderAccount, url: string) => Promise<RegistrationResult>
