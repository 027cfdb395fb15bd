import type { Route } from '../../../shared/ipc/contract'
import { requiredRole, roleAllows, type Role } from '../../../shared/ipc/roles'
import { useSessionStore } from '../stores/sessionStore'

export interface Can {
  allowed: boolean
  /** Why not, in the user's words ("Needs the operator role"); null when allowed. */
  why: string | null
  /** The role the route needs, when this user's is too low. */
  needs: Role | null
}

/**
 * Whether `role` may call `route`, from the minimum role the contract declares beside the route
 * (the engine authorizes by the same declaration): the one answer every action control shows.
 */
export function canCall(role: Role | null, route: Route): Can {
  if (role && roleAllows(role, route)) return { allowed: true, why: null, needs: null }
  const needs = requiredRole(route)
  return { allowed: false, why: `Needs the ${needs} role`, needs }
}

/** `canCall` for the signed-in user: re-renders when who is signed in changes. */
export function useCan(route: Route): Can {
  const role = useSessionStore((s) => s.me?.role ?? null)
  return canCall(role, route)
}
