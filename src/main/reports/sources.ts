import type { Output, ParsedInput, Route } from '../../shared/ipc/contract'
import type { RecipientExportReader } from '../db/repos/recipientExportRepo'
import type { Kernel } from '../kernel/kernel'

/** The read-only routes the printed report page calls; nothing else is reachable while printing. */
export const PRINT_ROUTES = [
  'campaigns.get',
  'providers.list',
  'stats.summary',
  'stats.trend',
  'stats.funnel',
  'stats.errors',
  'stats.cost',
  'stats.marketing',
  'stats.reconciliation',
  'callbacks.health',
  'system.info'
] as const satisfies readonly Route[]
export type PrintRoute = (typeof PRINT_ROUTES)[number]

/**
 * What reports read, handed over by the composition root: the stats and campaign services'
 * reads (never the public routes), a snapshot reader for long exports, and the report page's
 * read routes for the print server (the page is the renderer, which talks through the contract).
 */
export interface ReportSources {
  summary(campaignId: string): Promise<Output<'stats.summary'>>
  cost(campaignId: string): Promise<Output<'stats.cost'>>
  trend(input: ParsedInput<'stats.trend'>): Promise<Output<'stats.trend'>>
  errors(input: ParsedInput<'stats.errors'>): Promise<Output<'stats.errors'>>
  /** The provider's own numbers beside ours (`stats.reconciliation`). */
  reconciliation(campaignId: string): Promise<Output<'stats.reconciliation'>>
  campaign(id: string): Output<'campaigns.get'> | Promise<Output<'campaigns.get'>>
  /** A separate read-only snapshot of the data file for one long export. */
  openRecipients(): RecipientExportReader
  /** Parses the input and answers one of `PRINT_ROUTES`. */
  printRoute(route: PrintRoute, input: unknown): Promise<unknown>
}

/** What every export needs: the kernel and the sources. */
export interface ReportContext {
  kernel: Kernel
  sources: ReportSources
}
