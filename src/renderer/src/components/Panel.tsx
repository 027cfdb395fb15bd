import type { ReactNode } from 'react'

/** A titled panel of a page: the card every section of the stats, compare and pricing pages uses. */
export function Panel({
  title,
  testId,
  children
}: {
  title: ReactNode
  testId?: string
  children: ReactNode
}) {
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  )
}
