import { useEffect, useState } from 'react'
import { CallbackHealthNote } from '../stats/CallbackHealthNote'
import { ConversionPanel } from '../stats/ConversionPanel'
import { ErrorGroupTable } from '../stats/ErrorGroupTable'
import { FunnelChart } from '../stats/FunnelChart'
import { CostBody } from '../pricing/CostPanel'
import { ProviderNumbersTable } from '../stats/ProviderNumbersPanel'
import { RevenuePanel } from '../stats/RevenuePanel'
import { StatCardGrid } from '../stats/StatCardGrid'
import { TrendChart } from '../stats/TrendChart'
import '../stats/stats.css'
import { ReportMethodology } from './ReportMethodology'
import { ReportNumbers } from './ReportNumbers'
import { ReportResult } from './ReportResult'
import { formatDateTime } from '../../lib/format'
import { ReportSettings } from './ReportSettings'
import { useReportData, type ReportData } from './useReportData'
import './report.css'

/**
 * The printable campaign report: the stats view's own components, without animation, on a
 * print-styled page. It marks itself ready (`report-ready`) once the data is in and the
 * charts have had a frame to draw, which is what the PDF printer waits for.
 */
export function ReportPage({ campaignId, paper }: { campaignId: string; paper: 'A4' | 'Letter' }) {
  const { data, error } = useReportData(campaignId)
  const [ready, setReady] = useState(false)
  useEffect(() => {
    if (!data) return
    // Two frames: React commits the canvases, then chart.js has drawn them (animation off).
    let second = 0
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setReady(true))
    })
    return () => {
      cancelAnimationFrame(first)
      cancelAnimationFrame(second)
    }
  }, [data])

  if (error)
    return (
      <div className="report" data-testid="report-error">
        Could not build the report: {error}
      </div>
    )
  if (!data) return <div className="report muted">Preparing the report…</div>
  return (
    <div className={`report paper-${paper}`} data-testid="report-page">
      <ReportBody data={data} />
      {ready && <div data-testid="report-ready" hidden />}
    </div>
  )
}

function ReportBody({ data }: { data: ReportData }) {
  const { summary } = data
  const name = data.campaign?.name ?? campaignLabel(data)
  return (
    <>
      <header className="report-header">
        <div className="report-brand">Tickboard campaign report</div>
        <h1 data-testid="report-title">{name}</h1>
        <p className="muted">
          Generated {formatDateTime(data.generatedAt)} · times in {data.timezone}
        </p>
      </header>
      <ReportResult summary={summary} cost={data.cost ?? null} />
      <ReportSettings data={data} />
      <section className="report-section">
        <h2>Summary</h2>
        <StatCardGrid summary={summary} />
      </section>
      <section className="report-section" data-testid="report-callbacks">
        <h2>Callback health</h2>
        <CallbackHealthNote awaitingReport={summary.awaitingReport} health={data.health} />
        <p>{callbackHealthText(data)}</p>
      </section>
      <ReportNumbers summary={summary} />
      <section className="report-section report-chart" data-testid="report-trend">
        <h2>Message trend</h2>
        {data.trend ? (
          <TrendChart
            buckets={data.trend}
            granularity={data.granularity}
            timezone={data.timezone}
            animation={false}
            height={260}
          />
        ) : (
          <p className="muted">The trend is not available.</p>
        )}
      </section>
      <section className="report-section report-chart" data-testid="report-funnel">
        <h2>Users conversion funnel</h2>
        {data.funnel ? (
          <FunnelChart steps={data.funnel} animation={false} height={220} />
        ) : (
          <p className="muted">The funnel is not available.</p>
        )}
      </section>
      <div className="report-section report-pair">
        <ConversionPanel conversion={summary.conversion} />
        <RevenuePanel
          revenue={summary.revenue}
          currency={summary.goal?.currency ?? null}
          noGoal={!summary.goal}
        />
      </div>
      {data.reconciliation && (
        <section className="report-section" data-testid="report-provider-numbers">
          <h2>The provider’s own numbers</h2>
          <ProviderNumbersTable data={data.reconciliation} />
        </section>
      )}
      {data.cost && (
        <section className="report-section" data-testid="report-cost">
          <h2>Cost and return</h2>
          <CostBody cost={data.cost} marketing={data.marketing} />
        </section>
      )}
      <div className="report-section report-errors">
        <ErrorGroupTable kind="dispatch" groups={data.dispatchErrors ?? []} />
        <ErrorGroupTable kind="delivery" groups={data.deliveryErrors ?? []} />
      </div>
      <ReportMethodology />
    </>
  )
}

function campaignLabel(data: ReportData): string {
  return data.campaign?.id ?? 'Campaign'
}

function callbackHealthText(data: ReportData): string {
  const h = data.health
  if (!h) return 'Callback health was not available when this report was made.'
  const rejected = Object.values(h.rejected).reduce((a, b) => a + b, 0)
  const median =
    h.medianDeliveryMs === null ? 'unknown' : `${(h.medianDeliveryMs / 1000).toFixed(1)} s`
  const last = h.lastReceivedAt ? formatDateTime(h.lastReceivedAt) : 'never'
  return `Callbacks received: ${h.received.toLocaleString('en-US')}; rejected: ${rejected.toLocaleString('en-US')}; unmatched: ${h.unmatched.toLocaleString('en-US')}; unattributed replies: ${h.unattributedReplies.toLocaleString('en-US')}; median time to delivered: ${median}; last callback: ${last}.`
}
