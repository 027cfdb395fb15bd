import type { ReactNode } from 'react'

/** The fixed-height box a chart draws in: chart.js fills its parent, so the parent sets the size. */
export function ChartBox({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div className="chart-box" style={{ height }}>
      {children}
    </div>
  )
}
