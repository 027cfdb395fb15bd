import type { ReactNode } from 'react'

/**
 * A page-level failure the operator must see (announced by screen readers), or nothing when
 * there is none. `children` says what failed; the engine's message follows it.
 */
export function ErrorPanel({
  error,
  testId,
  children
}: {
  error: string | null | undefined
  testId?: string
  children?: ReactNode
}) {
  if (!error) return null
  return (
    <div className="panel error" role="alert" data-testid={testId}>
      {children}
      {error}
    </div>
  )
}
