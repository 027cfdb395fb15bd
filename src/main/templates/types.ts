import type { TemplateComponents, TemplateVariable } from '../../shared/ipc/routes/templates'
import type { TemplateCategory } from './category'

/** One template as an adapter's list call returns it, already in our vocabulary. */
export interface SyncedTemplate {
  name: string
  language: string
  externalId: string | null
  label: string | null
  category: TemplateCategory | null
  /** Upper case, as the provider says it (APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …). */
  status: string
  quality: string | null
  parameterFormat: 'positional' | 'named'
  components: TemplateComponents
  variables: TemplateVariable[]
  statusReason: string | null
}

/** Thrown by a list call with a message fit for the operator (credentials, missing config, …). */
export class TemplateListError extends Error {
  override name = 'TemplateListError'
}

/** An adapter's template list: follows the provider's paging until done or `maxPages`. */
export type ListTemplates = (
  account: import('../providers/providerAccounts').ProviderAccount,
  signal: AbortSignal
) => Promise<SyncedTemplate[]>
