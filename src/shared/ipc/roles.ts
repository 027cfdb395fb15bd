/**
 * Who may call what (issue #22): the one definition both the engine (to authorize) and the
 * renderer (to disable what a role cannot do, saying why) use. Every route in `routes/` declares
 * its minimum `role` and whether it `changes` state (recorded in the audit log) beside its input
 * and output; `contract.ts` checks the declarations with `satisfies`, so a route without one does
 * not compile (and test/shared/routeAccess.test.ts checks them at run time).
 */
import type { z } from 'zod'
import { roleRank, type Role } from '../domain/roles'
import { routes, type Route } from './contract'

export { ROLES, isRole, roleRank, type Role } from '../domain/roles'

/** What every route declares beside its schemas. */
export interface RouteAccess {
  /** The lowest role that may call the route. */
  role: Role
  /** Whether a call changes state: every such call is written to the audit log. */
  changes: boolean
}

export interface RouteSpec extends RouteAccess {
  input: z.ZodType
  output: z.ZodType
}

/** The caller of a route: a user of the team server, or the desktop app's own user. */
export interface Caller {
  id: string
  name: string
  role: Role
}

/** The minimum role a route declares. */
export function requiredRole(route: Route): Role {
  return (routes[route] as RouteAccess).role
}

/** Whether a route changes state (its calls are in the audit log). */
export function routeChanges(route: Route): boolean {
  return (routes[route] as RouteAccess).changes
}

/** Whether `role` may call `route` (roles are ordered: admin ⊇ operator ⊇ viewer). */
export function roleAllows(role: Role, route: Route): boolean {
  return roleRank(role) >= roleRank(requiredRole(route))
}

function withArticle(role: Role): string {
  return role === 'viewer' ? 'a viewer' : `an ${role}`
}

/**
 * Why a role may not call a route, e.g. "campaigns.launch needs the operator role; you are a
 * viewer"; null when it may. The engine's 403 and the renderer's disabled buttons say this.
 */
export function roleRefusal(role: Role, route: Route): string | null {
  if (roleAllows(role, route)) return null
  return `${route} needs the ${requiredRole(route)} role; you are ${withArticle(role)}`
}
