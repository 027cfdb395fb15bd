import { formatNumber } from '../lib/format'

/**
 * "51–100 of 1,234" with Previous and Next. A list paged by key passes `hasNext` (its `next` is
 * not null) and, when its total is a lower bound (a search that stopped counting), `totalAtLeast`:
 * the total then reads "10,000+" and never less than what was paged through.
 */
export function Pager(props: {
  offset: number
  pageSize: number
  total: number
  totalAtLeast?: boolean
  hasNext?: boolean
  onChange(offset: number): void
}) {
  const { offset, pageSize, onChange } = props
  const more = props.hasNext ?? offset + pageSize < props.total
  const total = props.totalAtLeast ? Math.max(props.total, offset + pageSize) : props.total
  const last = more ? offset + pageSize : Math.min(offset + pageSize, total)
  return (
    <div className="pager">
      <span className="muted" data-testid="pager-range">
        {total === 0
          ? 'No rows'
          : `${formatNumber(offset + 1)}–${formatNumber(last)} of ${formatNumber(total)}${props.totalAtLeast ? '+' : ''}`}
      </span>
      <button disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button disabled={!more} onClick={() => onChange(offset + pageSize)} data-testid="pager-next">
        Next
      </button>
    </div>
  )
}
