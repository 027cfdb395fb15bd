import { definitionOf } from '../../../../shared/domain/statDefinitions'
import type { StatsSummary } from '../../../../shared/ipc/routes/stats'
import { formatNumber, formatPercent } from '../../lib/format'
import { NoClicksNote } from './NoClicksNote'
import { StatCard } from './StatCard'
import { CARD_SPECS, share, type CardSpec } from '../../../../shared/domain/statsView'

/** A share for a card: a dash without a whole, and never a rounded-down "0%" for a few. */
function shareText(ratio: number | null): string {
  if (ratio === null) return '—'
  return ratio > 0 && ratio < 0.001 ? `< ${formatPercent(0.001)}` : formatPercent(ratio)
}

function subLine(spec: CardSpec, summary: StatsSummary): string | undefined {
  const parts: string[] = []
  if (spec.key === 'replied') parts.push(`${formatNumber(summary.replies)} replies`)
  if (spec.of) {
    const ratio = share(summary[spec.key], summary[spec.of])
    const of = definitionOf(spec.of)?.label.toLowerCase() ?? spec.of
    parts.push(`${shareText(ratio)} of ${of}`)
  }
  return parts.length ? parts.join(' · ') : undefined
}

/**
 * A card for every count of spec §6, each with its definition on hover or focus. Pure: the
 * printable report renders it too (without `onOpenCallbackHealth`, so without the link).
 */
export function StatCardGrid({
  summary,
  onOpenCallbackHealth
}: {
  summary: StatsSummary
  onOpenCallbackHealth?: () => void
}) {
  return (
    <div className="stat-grid" data-testid="stat-grid">
      {CARD_SPECS.map((spec) => {
        const def = definitionOf(spec.key)
        return (
          <StatCard
            key={spec.key}
            statKey={spec.key}
            label={def?.label ?? spec.key}
            value={
              spec.key === 'converted' && !summary.goal
                ? 'No goal'
                : formatNumber(summary[spec.key])
            }
            raw={summary[spec.key]}
            sub={
              spec.key === 'converted' && !summary.goal
                ? 'no conversion goal was set'
                : subLine(spec, summary)
            }
            definition={def?.definition ?? ''}
            caveat={def?.caveat}
            tone={spec.tone}
            action={
              spec.linksToCallbackHealth && onOpenCallbackHealth ? (
                <button
                  className="link"
                  onClick={onOpenCallbackHealth}
                  data-testid={`callback-health-link-${spec.key}`}
                >
                  Open Callback health
                </button>
              ) : undefined
            }
          />
        )
      })}
      {summary.clicked === null && (
        <NoClicksNote reason={summary.clickedReason} shared={summary.clickedShared} />
      )}
      {(['clicked', 'landingPageViews'] as const).map((key) => {
        const value = summary[key]
        if (value === null) return null
        const def = definitionOf(key)
        return (
          <StatCard
            key={key}
            statKey={key}
            label={def?.label ?? key}
            value={formatNumber(value)}
            raw={value}
            sub={key === 'clicked' ? `${shareText(share(value, summary.sent))} of sent` : undefined}
            definition={def?.definition ?? ''}
            caveat={def?.caveat}
          />
        )
      })}
    </div>
  )
}
