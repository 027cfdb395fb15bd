import type { SyncedTemplate } from '../db/repos/templateRepo'

export type { SyncedTemplate }

/** Thrown by a list call with a message fit for the operator (credentials, missing config, …). */
export class TemplateListError extends Error {
  override name = 'TemplateListError'
}

/** An adapter's template list: follows the provider's paging until done or `maxPages`. */
export type ListTemplates = (
  account: import('../providers/providerAccounts').ProviderAccount,
  signal: AbortSignal
) => Promise<SyncedTemplate[]>
