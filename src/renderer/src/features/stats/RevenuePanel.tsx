import { REVENUE_METHOD } from '../../../../shared/domain/statDefinitions'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'
import { formatMoney } from '../../lib/format'
import { TargetControlBars } from './TargetControlBars'
import { Panel } from '../../components/Panel'

const boostFormat = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero'
})

/** Revenue per user in both groups, the boost and the revenue the campaign added. */
export function RevenuePanel({
  revenue,
  currency,
  noGoal = false
}: {
  revenue: StatsSummary['revenue']
  /** The goal's ISO 4217 code: every amount is shown in it (null without a goal). */
  currency: string | null
  /** The campaign has no conversion goal, so there is no revenue to attribute. */
  noGoal?: boolean
}) {
  const money = (n: number): string => formatMoney(n, currency ?? undefined)
  return (
    <Panel
      title={currency ? `Revenue performance (${currency})` : 'Revenue performance'}
      testId="revenue-panel"
    >
      {noGoal ? (
        <p className="muted">
          Revenue comes from the conversion goal&apos;s events; this campaign has no goal, so there
          is no revenue to compare.
        </p>
      ) : (
        <>
          <TargetControlBars
            testId="revenue-arpu"
            format={money}
            target={{
              label: 'ARPU target',
              value: revenue.arpuTarget,
              detail: `of ${money(revenue.target)} revenue`
            }}
            control={{
              label: 'ARPU control',
              value: revenue.arpuControl,
              detail: `of ${money(revenue.control)} revenue`
            }}
          />
          <div className="row stat-line">
            <span>
              Boost{' '}
              <strong data-testid="revenue-boost">
                {revenue.boostPercent === null
                  ? '—'
                  : `${boostFormat.format(revenue.boostPercent)}%`}
              </strong>
              {revenue.boostPercent === null && (
                <span className="muted"> (control ARPU is zero, so no ratio)</span>
              )}
            </span>
            <span>
              Incremental revenue{' '}
              <strong data-testid="revenue-incremental">{money(revenue.incremental)}</strong>
            </span>
          </div>
          <p className="muted method-note">{REVENUE_METHOD}</p>
        </>
      )}
    </Panel>
  )
}
