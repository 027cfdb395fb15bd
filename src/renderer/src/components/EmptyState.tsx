import type { ReactNode } from 'react'

/** What a page shows before it has data: what this is and what to do next. */
export function EmptyState({
  title,
  children,
  testId
}: {
  title: string
  children: ReactNode
  testId?: string
}) {
  return (
    <div className="panel empty" data-testid={testId}>
      <h2>{title}</h2>
      <div className="muted">{children}</div>
    </div>
  )
}
