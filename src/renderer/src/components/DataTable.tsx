import type { CSSProperties, ReactNode } from 'react'

/** A column heading: its text, or the text with the cell class (`num` right-aligns numbers). */
export type Column = string | { label: ReactNode; className?: string; style?: CSSProperties }

/** A table with one heading row; the caller renders the body rows. */
export function DataTable({
  columns,
  testId,
  className,
  style,
  children
}: {
  columns: Column[]
  testId?: string
  className?: string
  style?: CSSProperties
  children: ReactNode
}) {
  return (
    <table className={className} style={style} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) =>
            typeof c === 'string' ? (
              <th key={i}>{c}</th>
            ) : (
              <th key={i} className={c.className} style={c.style}>
                {c.label}
              </th>
            )
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}
