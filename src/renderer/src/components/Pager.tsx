import { formatNumber } from '../lib/format'

export function Pager(props: {
  offset: number
  pageSize: number
  total: number
  onChange(offset: number): void
}) {
  const { offset, pageSize, total, onChange } = props
  const last = Math.min(offset + pageSize, total)
  return (
    <div className="pager">
      <span className="muted" data-testid="pager-range">
        {total === 0
          ? 'none'
          : `${formatNumber(offset + 1)}–${formatNumber(last)} of ${formatNumber(total)}`}
      </span>
      <button disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button
        disabled={last >= total}
        onClick={() => onChange(offset + pageSize)}
        data-testid="pager-next"
      >
        Next
      </button>
    </div>
  )
}
