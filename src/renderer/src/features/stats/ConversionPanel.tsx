import type { ReactNode } from 'react'
import { CONVERSION_METHOD } from '../../../../shared/domain/statDefinitions'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'
import { formatNumber, formatPercent } from '../../lib/format'
import { LiftRange } from './LiftRange'
import { TargetControlBars } from './TargetControlBars'
import {
  VERDICT_TEXT,
  formatPValue,
  formatPoints,
  type Verdict
} from '../../../../shared/domain/statsView'
import { Panel } from '../../components/Panel'

const convertedOf = (group: StatsSummary['conversion']['target']): string =>
  `${formatNumber(group.converted)} of ${formatNumber(group.users)}`

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
  return (
    <Panel title="Conversion performance" testId="conversion-panel">
      {noGoal ? (
        <VerdictNote verdict={conversion.verdict} tone="not_enough_data" title="No conversion goal">
          This campaign was launched without a conversion goal, so no conversions are counted and
          there is no lift to measure. Set a goal when you compose the next campaign.
        </VerdictNote>
      ) : (
        <Conversion conversion={conversion} dispatching={dispatching} />
      )}
    </Panel>
  )
}

/** The verdict line; `tone` colours it (a campaign without a goal reads as "not enough data"). */
function VerdictNote({
  verdict,
  tone = verdict,
  title,
  children
}: {
  verdict: Verdict
  tone?: Verdict
  title: string
  children: ReactNode
}) {
  return (
    <div
      className={`verdict verdict-${tone}`}
      data-testid="conversion-verdict"
      data-verdict={verdict}
    >
      <strong>{title}</strong>
      <span className="muted"> {children}</span>
    </div>
  )
}

function Conversion({
  conversion,
  dispatching
}: {
  conversion: StatsSummary['conversion']
  dispatching: boolean
}) {
  const { target, control, lift, ci95, pValue, verdict } = conversion
  const verdictText = VERDICT_TEXT[verdict]
  const enough = verdict !== 'not_enough_data'
  return (
    <>
      <TargetControlBars
        testId="conversion"
        format={formatPercent}
        target={{ label: 'Target', value: target.rate, detail: `${convertedOf(target)} sent` }}
        control={{
          label: 'Control',
          value: control.rate,
          detail: `${convertedOf(control)} held out`
        }}
      />
      {dispatching && (
        // Seen on a Sandbox run: "lowered conversion, p < 0.001" a few seconds after launch,
        // only because most target users had not been sent yet.
        <p className="warn" data-testid="conversion-dispatching">
          Still sending: control users count from launch, target users only from their send, so the
          comparison favours control until sending ends and the window has passed.
        </p>
      )}
      <VerdictNote verdict={verdict} title={verdictText.title}>
        {verdictText.detail}
      </VerdictNote>
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
    </>
  )
}
