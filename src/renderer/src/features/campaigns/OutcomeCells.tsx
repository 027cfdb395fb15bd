import type { CampaignView } from '../../../../shared/ipc/routes/campaigns'
import { formatNumber, formatPercent } from '../../lib/format'

const RATES = [
  { key: 'delivered', label: 'Delivered' },
  { key: 'viewed', label: 'Read' },
  { key: 'converted', label: 'Converted' }
] as const

export const OUTCOME_COLUMNS = RATES.map((r) => ({
  label: <span title={`${r.label} users ÷ sent users (target group)`}>{r.label}</span>,
  className: 'num'
}))

/**
 * Delivered, read and converted as shares of the users sent to, from the engine's counters: a
 * dash before anything was sent, "counting" while the engine rebuilds them, "No goal" for
 * Converted when the campaign tracks no conversion.
 */
export function OutcomeCells({ campaign }: { campaign: CampaignView }) {
  const o = campaign.outcome
  return (
    <>
      {RATES.map(({ key, label }) => {
        const value = o?.[key]
        let text: string
        let title: string | undefined
        if (!o || o.sent === 0) text = '—'
        else if (o.counting) text = 'counting…'
        else if (value === null || value === undefined) text = 'No goal'
        else {
          text = formatPercent(value / o.sent)
          title = `${formatNumber(value)} of ${formatNumber(o.sent)} sent`
        }
        return (
          <td
            key={key}
            className={`num${text === 'No goal' || text === '—' ? ' muted' : ''}`}
            title={title}
            aria-label={`${label}: ${text}`}
            data-testid={`campaign-rate-${key}`}
          >
            {text}
          </td>
        )
      })}
    </>
  )
}
