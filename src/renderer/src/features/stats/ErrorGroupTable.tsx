import { formatNumber, formatPercent } from '../../lib/format'
import type { ErrorGroups, ErrorKind } from '../../stores/statsStore'
import { Panel } from '../../components/Panel'
import { DataTable } from '../../components/DataTable'

/** Target users not sent because the campaign's limit was reached (errorDictionary). */
const LIMIT_CODE = 'campaign_limit'

const HEADINGS: Record<ErrorKind, { title: string; empty: string }> = {
  dispatch: {
    title: 'Dispatch errors',
    empty: 'Every target user was sent: no dispatch errors.'
  },
  delivery: {
    title: 'Delivery errors',
    empty: 'No sent message has failed so far.'
  }
}

/**
 * Error groups of one kind with what each means and what to do. Rows open the recipients
 * drill-down when `onOpen` is given (the printed report passes none).
 */
export function ErrorGroupTable({
  kind,
  groups,
  onOpen
}: {
  kind: ErrorKind
  groups: ErrorGroups
  onOpen?(code: string, title: string): void
}) {
  const heading = HEADINGS[kind]
  return (
    <Panel title={heading.title} testId={`errors-${kind}`}>
      {groups.length === 0 ? (
        <p className="muted">{heading.empty}</p>
      ) : (
        <DataTable
          columns={[
            'Reason',
            'What it means',
            'Next step',
            { label: 'Count', className: 'num' },
            { label: 'Share', className: 'num' }
          ]}
        >
          {groups.map((g) => (
            <tr key={g.code} data-testid={`error-group-${kind}-${g.code}`}>
              <td>
                {g.code === LIMIT_CODE && (
                  // The operator's own limit, not a failure: counted here as the spec says.
                  <span className="badge held" data-testid="held-by-limit">
                    held by the limit
                  </span>
                )}{' '}
                {onOpen ? (
                  <button
                    className="link"
                    onClick={() => onOpen(g.code, g.title)}
                    data-testid={`error-open-${kind}-${g.code}`}
                  >
                    {g.title}
                  </button>
                ) : (
                  g.title
                )}
                {/* The provider's own code helps its support; our dispatch reasons are keys, not words. */}
                {kind === 'delivery' && <div className="muted code">{g.code}</div>}
              </td>
              <td>{g.explanation}</td>
              <td>{g.nextStep ?? <span className="muted">—</span>}</td>
              <td className="num" data-value={g.count}>
                {formatNumber(g.count)}
              </td>
              <td className="num">{formatPercent(g.share)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  )
}
