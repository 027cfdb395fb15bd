/**
 * THE contract between the renderer (or any API client) and the engine: every route with its zod
 * input and output schema, and every event the engine pushes. Both transports (Electron IPC and
 * headless HTTP) are driven by this one map. Each domain declares its routes in `routes/`, each
 * with its minimum role and whether it changes state (`roles.ts`): `satisfies` below refuses a
 * route without them.
 */
import type { z } from 'zod'
import { callbackRoutes, type TunnelStatus } from './routes/callbacks'
import { campaignRoutes, type CampaignStatus } from './routes/campaigns'
import { contactRoutes } from './routes/contacts'
import { dataRoutes } from './routes/data'
import { optOutRoutes } from './routes/optOuts'
import { pricingRoutes } from './routes/pricing'
import { providerRoutes } from './routes/providers'
import { registrationRoutes } from './routes/registration'
import { reportRoutes } from './routes/reports'
import { statsRoutes } from './routes/stats'
import { systemRoutes } from './routes/system'
import { teamRoutes, type TeamConnection } from './routes/team'
import { templateRoutes } from './routes/templates'
import { userRoutes } from './routes/users'
import type { Caller, RouteSpec } from './roles'

export const routes = {
  ...systemRoutes,
  ...dataRoutes,
  ...contactRoutes,
  ...optOutRoutes,
  ...providerRoutes,
  ...campaignRoutes,
  ...statsRoutes,
  ...callbackRoutes,
  ...reportRoutes,
  ...pricingRoutes,
  ...registrationRoutes,
  ...templateRoutes,
  ...userRoutes,
  ...teamRoutes
} as const satisfies Record<string, RouteSpec>

export type Routes = typeof routes
export type Route = keyof Routes
export type Input<R extends Route> = z.input<Routes[R]['input']>
export type ParsedInput<R extends Route> = z.output<Routes[R]['input']>
export type Output<R extends Route> = z.infer<Routes[R]['output']>

/**
 * Exhaustive handler map: a missing route is a compile error. `caller`: who asked (authorized for
 * the route's role before the handler runs); most handlers do not need it.
 */
export type Handlers = {
  [R in Route]: (input: ParsedInput<R>, caller: Caller) => Promise<Output<R>> | Output<R>
}

export function isRoute(name: string): name is Route {
  return Object.prototype.hasOwnProperty.call(routes, name)
}

/** Events the engine pushes to the UI (not validated: they come from the trusted engine). */
export interface Events {
  'campaign.progress': {
    campaignId: string
    status: CampaignStatus
    qualified: number
    processed: number
    sent: number
    dispatchErrors: number
    ratePerSecond: number
    etaSeconds: number | null
    pausedReason?: string
    qualifying?: { qualified: number; expected: number }
  }
  'stats.changed': { campaignId: string }
  /** The desktop app's connection to a team server changed (sent by the shell, not an engine). */
  'team.connection': TeamConnection
  'tunnel.status': TunnelStatus
  'tunnel.urlChanged': { previousUrl: string | null; url: string }
  'import.progress': {
    kind: 'contacts' | 'events'
    processedLines: number
    totalBytes: number
    processedBytes: number
  }
  'export.progress': { path: string; rows: number; totalRows: number }
  'callbacks.received': { providerId: string; at: number }
  /** An account's callback gap closed: reports can arrive again (those lost in it are fetched). */
  'callbacks.gapClosed': { providerId: string; at: number }
  /** An account was created (or its settings changed): its callback URL may need registering. */
  'providers.changed': { providerId: string; created: boolean }
  /** A template webhook changed a template's status, quality or category. */
  'templates.changed': {
    providerId: string
    change: 'status' | 'quality' | 'category'
    name: string | null
    language: string | null
    value: string
    reason: string | null
  }
  /** A callback URL registration of this account was attempted or its consent changed. */
  'registration.changed': { providerId: string }
  /** Whether the desktop must keep the computer awake (sending, or reports still to come). */
  'system.keepAwake': { keepAwake: boolean; reason: string | null }
}
export type EventName = keyof Events
export type EventSink = <E extends EventName>(name: E, payload: Events[E]) => void
