import { useMemo } from 'react'
import { COST_DEFINITIONS } from '../../../../shared/domain/statDefinitions'
import type { Output } from '../../../../shared/ipc/contract'
import type { CostOutput } from '../../../../shared/ipc/routes/pricing'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { formatDateTime, formatDay, formatNumber } from '../../lib/format'
import { usePricingStore } from '../../stores/pricingStore'
import { useUiStore } from '../../stores/uiStore'
import { costLines, costMoney } from './costView'
import { Panel } from '../../components/Panel'
import { DataTable } from '../../components/DataTable'

type Marketing = Output<'stats.marketing'>

/**
 * Cost and return of a campaign (spec §6): what it cost by category, per delivered message, per
 * conversion and per incremental conversion, and the ROI, each with its definition and, where it
 * is empty, why. Reloads whenever the stats page's summary does (`refreshKey`).
 */
export function CostPanel({
  campaignId,
  refreshKey
}: {
  campaignId?: string
  refreshKey: unknown
}) {
  const campaignCost = usePricingStore((s) => s.campaignCost)
  const ask = useMemo(
    () => (campaignId ? () => campaignCost(campaignId) : null),
    [campaignId, campaignCost]
  )
  const { data, error } = useLatestAnswer(ask, { refreshKey })
  const [cost, marketing]: [CostOutput | null, Marketing | null] = data ?? [null, null]
  return (
    <Panel title="Cost and return" testId="cost-panel">
      {error && <p className="error">Could not load the cost: {error}</p>}
      {cost ? (
        <CostBody cost={cost} marketing={marketing} />
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </Panel>
  )
}

export function CostBody({ cost, marketing }: { cost: CostOutput; marketing: Marketing | null }) {
  const navigate = useUiStore((s) => s.navigate)
  const held = marketing?.sendStatus.held_for_quality_assessment ?? 0
  return (
    <>
      {cost.estimated && (
        <p className="warn" data-testid="cost-estimated">
          Estimated: {cost.reasons.estimated ?? 'the provider reports no prices.'}
        </p>
      )}
      {cost.marketWarnings.map((w) => (
        <p className="warn" data-testid="cost-market-warning" key={w}>
          {w}
        </p>
      ))}
      {cost.rateCardImportedAt === null && (
        <p className="muted" data-testid="cost-no-rate-card">
          No rate card is loaded.{' '}
          <button className="link" onClick={() => navigate({ name: 'pricing' })}>
            Import Meta&apos;s rate card
          </button>
        </p>
      )}
      <div className="row stat-line">
        <span>
          Billable <strong data-testid="cost-billable">{formatNumber(cost.billable)}</strong>
        </span>
        <span>
          Free <strong data-testid="cost-free">{formatNumber(cost.free)}</strong>
        </span>
        {cost.feePerMessage > 0 && (
          <span className="muted">
            incl. account fee {costMoney(cost.feePerMessage, cost.currency)} per message
          </span>
        )}
        {held > 0 && (
          <span className="muted" data-testid="cost-held">
            {formatNumber(held)} held for quality assessment by Meta
          </span>
        )}
      </div>
      <table className="table" data-testid="cost-lines">
        <tbody>
          {costLines(cost).map((line) => {
            const def = COST_DEFINITIONS.find((d) => d.key === line.key)
            return (
              <tr key={line.key} title={[def?.definition, def?.caveat].filter(Boolean).join(' ')}>
                <th scope="row">{def?.label ?? line.key}</th>
                <td data-testid={`cost-${line.key}`}>{line.value}</td>
                <td className="muted">{line.value === '—' ? line.reason : def?.definition}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {Object.keys(cost.byCategory).length > 0 && (
        <DataTable
          className="table"
          testId="cost-by-category"
          columns={['Category', 'Messages', 'Cost']}
        >
          {Object.entries(cost.byCategory).map(([category, c]) => (
            <tr key={category}>
              <td>{category}</td>
              <td>{formatNumber(c.messages)}</td>
              <td>{costMoney(c.cost, cost.currency)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="muted method-note">
        {COST_DEFINITIONS[0]!.caveat}
        {cost.rateCardImportedAt !== null &&
          ` Rate card imported ${formatDateTime(cost.rateCardImportedAt)}${cost.rateCardEffectiveFrom ? `, effective from ${formatDay(cost.rateCardEffectiveFrom)}` : ''}.`}
      </p>
    </>
  )
}
