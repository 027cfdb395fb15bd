import { CONVERSION_METHOD } from '../../../../shared/domain/statDefinitions'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'
import { formatNumber, formatPercent } from '../../lib/format'
import { LiftRange } from './LiftRange'
import { RateBars } from './RateBars'
import { VERDICT_TEXT, formatPValue, formatPoints } from '../../../../shared/domain/statsView'

/** Target against control: rates, lift with its 95% interval, p-value and the verdict. */
export function ConversionPanel({
  conversion,
  noGoal = false,
  dispatching = false
}: {
  conversion: StatsSummary['conversion']
  /** Still sending: control users count from launch, target users only once sent. */
  dispatching?: boolean
  /** The campaign has no conversion goal: zero conversions are by construction, not data. */
  noGoal?: boolean
}) {
  const { target, control, lift, ci95, pValue, verdict } = conversion
  const verdictText = VERDICT_TEXT[verdict]
  const enough = verdict !== 'not_enough_data'
  if (noGoal)
    return (
      <section className="panel" data-testid="conversion-panel">
        <h2>Conversion performance</h2>
        <div
          className="verdict verdict-not_enough_data"
          data-testid="conversion-verdict"
          data-verdict={verdict}
        >
          <strong>No conversion goal</strong>
          <span className="muted">
            {' '}
            This campaign was launched without a conversion goal, so no conversions are counted and
            there is no lift to measure. Set a goal when you compose the next campaign.
          </span>
        </div>
      </section>
    )
  return (
    <section className="panel" data-testid="conversion-panel">
      <h2>Conversion performance</h2>
      <RateBars
        rows={[
          {
            label: 'Target',
            value: target.rate,
            text: formatPercent(target.rate),
            detail: `${formatNumber(target.converted)} of ${formatNumber(target.users)} sent`,
            color: 'var(--chart-1)',
            testId: 'conversion-target'
          },
          {
            label: 'Control',
            value: control.rate,
            text: formatPercent(control.rate),
            detail: `${formatNumber(control.converted)} of ${formatNumber(control.users)} held out`,
            color: 'var(--chart-2)',
            testId: 'conversion-control'
          }
        ]}
      />
      {dispatching && (
        // Seen on a Sandbox run: "lowered conversion, p < 0.001" a few seconds after launch,
        // only because most target users had not been sent yet.
        <p className="warn" data-testid="conversion-dispatching">
          Still sending: control users count from launch, target users only from their send, so the
          comparison favours control until sending ends and the window has passed.
        </p>
      )}
      <div
        className={`verdict verdict-${verdict}`}
        data-testid="conversion-verdict"
        data-verdict={verdict}
      >
        <strong>{verdictText.title}</strong>
        <span className="muted"> {verdictText.detail}</span>
      </div>
      {enough ? (
        <>
          <div className="row stat-line">
            <span>
              Lift <strong data-testid="conversion-lift">{formatPoints(lift)}</strong>
            </span>
            <span className="muted">
              95% interval {formatPoints(ci95[0])} to {formatPoints(ci95[1])}
            </span>
            <span className="muted" data-testid="conversion-p">
              {formatPValue(pValue)}
            </span>
          </div>
          <LiftRange lift={lift} ci95={ci95} verdict={verdict} />
        </>
      ) : (
        <p className="muted" data-testid="conversion-no-winner">
          Lift so far {formatPoints(lift)} ({formatPValue(pValue)}); no winner is shown until both
          groups are large enough.
        </p>
      )}
      <p className="muted method-note">{CONVERSION_METHOD}</p>
    </section>
  )
}
