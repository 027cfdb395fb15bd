import type { CampaignDraft } from '../../../../shared/ipc/routes/campaigns'
import { audienceInWords } from '../../../../shared/domain/audienceWords'
import { KIND_LABELS, kindOf } from '../../../../shared/domain/providerForm'
import { formatDateTime as dateTime } from '../../lib/format'
import type { ReportData } from './useReportData'

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** A draft's template values, for a campaign not launched yet (no text as sent). */
function templateValues(d: CampaignDraft | undefined): string | null {
  if (!d) return null
  const values = Array.isArray(d.template.params)
    ? d.template.params
    : Object.values(d.template.params)
  return values.join(' · ') || null
}

/** The campaign's settings as a two-column table: what was sent, to whom, measured how. */
export function ReportSettings({ data }: { data: ReportData }) {
  const c = data.campaign
  const d = c?.draft
  const audience = !d
    ? '—'
    : `${audienceInWords(d.audience)}${'filter' in d.audience ? ' (values match in any case)' : ''}`
  const goal = d?.conversion
    ? `${d.conversion.event} within ${d.conversion.windowHours} h` +
      (d.conversion.revenueProperty ? `, revenue from ${d.conversion.revenueProperty}` : '') +
      (d.conversion.currency ? ` in ${d.conversion.currency}` : '')
    : 'No conversion goal'
  const p = data.provider
  const rows: [string, string][] = [
    ['Status', c ? capital(c.status) : '—'],
    [
      'Provider',
      p
        ? p.type === 'sandbox'
          ? `${p.name} (simulated, no messages left)`
          : `${p.name} (${KIND_LABELS[kindOf(p.type, p.config)]})`
        : (c?.providerId ?? '—')
    ],
    [
      'Template',
      d
        ? `${c?.template?.label ?? d.template.name} (${d.template.language})` +
          (c?.template?.category ? ` · ${capital(c.template.category)}` : '')
        : '—'
    ],
    ['Template text as sent', c?.template?.text ?? templateValues(d) ?? '—'],
    ['Audience', audience],
    ['Control group', d ? `${d.controlGroupPercent}%` : '—'],
    ['Conversion goal', goal],
    ['Campaign limit', d?.limit ? d.limit.toLocaleString('en-US') : 'No limit'],
    ['Throttle', d?.ratePerSecond ? `${d.ratePerSecond} messages/second` : 'Provider rate'],
    ['Created', dateTime(c?.createdAt)],
    ['Launched', dateTime(c?.launchedAt)],
    ['Completed', dateTime(c?.completedAt)]
  ]
  return (
    <section className="report-section" data-testid="report-settings">
      <h2>Campaign settings</h2>
      <table className="report-table">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
