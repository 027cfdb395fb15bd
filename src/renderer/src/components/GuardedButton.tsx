import { useId, type ButtonHTMLAttributes } from 'react'
import type { Route } from '../../../shared/ipc/contract'
import { useCan, type Can } from '../lib/useCan'

/**
 * A button that calls `route`: for a role that may not call it, disabled before any click, with
 * the reason beside it and as its accessible description. Buttons side by side that need the
 * same role show the reason once (styles.css), each still described by it.
 */
export function GuardedButton({
  route,
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { route: Route }) {
  const can = useCan(route)
  const whyId = useId()
  if (can.allowed) return <button {...props} disabled={disabled} />
  return (
    <>
      <button {...props} disabled aria-describedby={whyId} title={can.why ?? undefined} />
      <Why can={can} id={whyId} />
    </>
  )
}

/**
 * Why a control is disabled for this role, for a control that is not a button (a checkbox, a
 * form): give the control `aria-describedby={id}` and `disabled` while `can.allowed` is false.
 */
export function Why({ can, id }: { can: Can; id: string }) {
  if (can.allowed) return null
  return (
    <span id={id} className="why" data-needs={can.needs} data-testid="refused-why">
      {can.why}
    </span>
  )
}
