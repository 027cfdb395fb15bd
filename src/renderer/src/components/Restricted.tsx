import type { ReactNode } from 'react'
import type { Route } from '../../../shared/ipc/contract'
import { useCan } from '../lib/useCan'

/**
 * A part of a page that reads `route`: for a role that may not call it, the reason in its place
 * (never a request that would only be refused).
 */
export function Restricted({
  route,
  what,
  children
}: {
  route: Route
  /** What is not shown, in words ("The users of this engine"). */
  what: string
  children: ReactNode
}) {
  const can = useCan(route)
  if (can.allowed) return children
  return (
    <p className="panel muted" data-testid="restricted">
      {what}: {can.why?.toLowerCase()}.
    </p>
  )
}
