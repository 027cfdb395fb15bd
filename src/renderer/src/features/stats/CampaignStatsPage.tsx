import { ProviderNumbersPanel } from './ProviderNumbersPanel'
import { useEffect } from 'react'
import { ProgressBar } from '../../components/ProgressBar'
import { formatDateTimeSeconds, formatNumber } from '../../lib/format'
import { ActionButtons } from '../campaigns/ActionButtons'
import { useCampaignsStore } from '../../stores/campaignsStore'
import { ExportButtons } from '../exports/ExportButtons'
import { useStatsStore } from '../../stores/statsStore'
import { useUiStore } from '../../stores/uiStore'
import { CallbackGapNote } from './CallbackGapNote'
import { CallbackHealthNote } from './CallbackHealthNote'
import { CostPanel } from '../pricing/CostPanel'
import { ConversionPanel } from './ConversionPanel'
import { ErrorsTab } from './ErrorsTab'
import { OutcomeUnknownPanel } from './OutcomeUnknownPanel'
import { FunnelChart } from './FunnelChart'
import { FunnelToggles } from './FunnelToggles'
import { GranularitySwitch } from './GranularitySwitch'
import { RevenuePanel } from './RevenuePanel'
import { StatCardGrid } from './StatCardGrid'
import { TrendChart } from './TrendChart'
import './stats.css'
import { ErrorPanel } from '../../components/ErrorPanel'

/** The stats of one campaign. Fetching lives in the store; the panels are pure components. */
export function CampaignStatsPage({ campaignId }: { campaignId: string }) {
  const open = useStatsStore((s) => s.open)
  const campaign = useStatsStore((s) => s.campaign)
  const summary = useStatsStore((s) => s.summary)
  const tab = useStatsStore((s) => s.tab)
  const setTab = useStatsStore((s) => s.setTab)
  const failures = useStatsStore((s) => s.failures)
  const navigate = useUiStore((s) => s.navigate)
  // The list's copy gets `campaign.progress` pushes; the stats copy only refreshes with stats.
  const listed = useCampaignsStore(
    (s) =>
      s.campaigns.find((c) => c.id === campaignId) ?? s.list.rows.find((c) => c.id === campaignId)
  )
  const loadCampaigns = useCampaignsStore((s) => s.load)
  const unreachableSince = useStatsStore((s) => s.unreachableSince)
  const close = useStatsStore((s) => s.close)
  useEffect(() => {
    open(campaignId)
    return close
  }, [open, close, campaignId])
  // Opened by its address: the list with live progress is not loaded yet.
  const known = !!listed
  useEffect(() => {
    if (!known) void loadCampaigns()
  }, [known, loadCampaigns])
  const live = listed ?? campaign
  const dispatching =
    live?.status === 'running' || live?.status === 'paused' || live?.status === 'qualifying'

  const openCallbackHealth = (): void =>
    navigate({ name: 'providers', providerId: campaign?.providerId })
  const errorCount = summary ? summary.dispatchErrors + summary.deliveryErrors : null
  return (
    <div className="stats-page" data-testid="stats-page" data-campaign-id={campaignId}>
      <div className="page-header">
        <div>
          <button className="link" onClick={() => navigate({ name: 'campaigns' })}>
            ← Campaigns
          </button>
          <h1 data-testid="stats-title">
            {campaign?.name ?? 'Campaign'}{' '}
            {campaign && <span className="badge">{live?.status ?? campaign.status}</span>}
          </h1>
          {campaign?.draft && (
            <div className="muted" data-testid="stats-template">
              Template {campaign.template?.label ?? campaign.draft.template.name} (
              {campaign.draft.template.language}) · category{' '}
              {campaign.template?.category ?? 'unknown'}
            </div>
          )}
          {dispatching && unreachableSince === null && live.progress.qualified > 0 && (
            // Sending is still going on: without this the cards look final while they grow.
            <div
              className="muted"
              style={{ width: 360, marginTop: 6 }}
              data-testid="stats-progress"
            >
              <ProgressBar
                ratio={live.progress.processed / live.progress.qualified}
                label="Dispatch progress"
              />
              {live.status === 'paused' ? 'Paused · ' : 'Sending · '}
              {formatNumber(live.progress.processed)} / {formatNumber(live.progress.qualified)}{' '}
              processed
              {live.status !== 'paused' && live.progress.ratePerSecond
                ? ` · ${formatNumber(live.progress.ratePerSecond)}/s`
                : ''}
            </div>
          )}
          {dispatching && (
            <div className="row" data-testid="stats-campaign-actions">
              <ActionButtons campaign={live} only={['pause', 'resume', 'cancel']} />
            </div>
          )}
        </div>
        {/* Export buttons (reports domain) are placed in this row. */}
        <div className="row" data-testid="stats-actions">
          <ExportButtons campaignId={campaignId} campaignName={campaign?.name ?? campaignId} />
        </div>
      </div>
      <div className="tabs" role="tablist">
        {[
          { id: 'overview' as const, label: 'Overview' },
          {
            id: 'errors' as const,
            label: `Errors${errorCount === null ? '' : ` (${formatNumber(errorCount)})`}`
          }
        ].map(({ id, label }) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => setTab(id)}
            data-testid={`tab-${id}`}
          >
            {label}
          </button>
        ))}
      </div>
      {(campaign?.status === 'draft' || campaign?.status === 'scheduled') && (
        <p className="panel muted" data-testid="stats-not-launched">
          This campaign has not been launched yet: its numbers start when it is.
        </p>
      )}
      {unreachableSince !== null ? (
        // Old numbers would read as current: say why there are none, and ask again each second.
        <p className="panel error" role="alert" data-testid="stats-unreachable">
          The engine cannot be reached since {formatDateTimeSeconds(unreachableSince)}, so no
          numbers are shown. Asking again every second; they come back when it answers.
        </p>
      ) : (
        <ErrorPanel error={failures.summary} testId="stats-error">
          Could not load the stats:{' '}
        </ErrorPanel>
      )}
      {unreachableSince !== null ? null : tab === 'errors' ? (
        <ErrorsTab />
      ) : summary ? (
        <Overview onOpenCallbackHealth={openCallbackHealth} />
      ) : (
        !failures.summary && <p className="muted">Loading stats…</p>
      )}
    </div>
  )
}

function Overview({ onOpenCallbackHealth }: { onOpenCallbackHealth(): void }) {
  const summary = useStatsStore((s) => s.summary)!
  const health = useStatsStore((s) => s.health)
  const trend = useStatsStore((s) => s.trend)
  const granularity = useStatsStore((s) => s.granularity)
  const timezone = useStatsStore((s) => s.timezone)
  const setGranularity = useStatsStore((s) => s.setGranularity)
  const funnel = useStatsStore((s) => s.funnel)
  const funnelToggles = useStatsStore((s) => s.funnelToggles)
  const toggleFunnelStep = useStatsStore((s) => s.toggleFunnelStep)
  const failures = useStatsStore((s) => s.failures)
  const campaign = useStatsStore((s) => s.campaign)
  // The engine says so with the numbers: no goal, so conversion numbers are not measured.
  const noGoal = summary.goal === null
  return (
    <>
      <StatCardGrid summary={summary} onOpenCallbackHealth={onOpenCallbackHealth} />
      <CallbackHealthNote
        awaitingReport={summary.awaitingReport}
        health={health}
        onOpen={onOpenCallbackHealth}
      />
      <CallbackGapNote campaignId={campaign?.id} />
      {campaign && (
        <OutcomeUnknownPanel
          campaignId={campaign.id}
          count={summary.outcomeUnknown}
          refreshKey={summary}
        />
      )}
      <section className="panel" data-testid="trend-panel">
        <div className="panel-header">
          <h2>Message trend</h2>
          <GranularitySwitch value={granularity} onChange={setGranularity} />
        </div>
        {failures.trend && <p className="error">Could not load the trend: {failures.trend}</p>}
        {trend ? (
          <TrendChart buckets={trend} granularity={granularity} timezone={timezone} />
        ) : (
          !failures.trend && <p className="muted">Loading…</p>
        )}
      </section>
      <div className="stats-columns">
        <ConversionPanel
          conversion={summary.conversion}
          noGoal={noGoal}
          dispatching={
            campaign?.status === 'running' ||
            campaign?.status === 'paused' ||
            campaign?.status === 'qualifying'
          }
        />
        <RevenuePanel
          revenue={summary.revenue}
          currency={summary.goal?.currency ?? null}
          noGoal={noGoal}
        />
      </div>
      <section className="panel" data-testid="funnel-panel">
        <div className="panel-header">
          <h2>Users conversion funnel</h2>
          <FunnelToggles
            toggles={funnelToggles}
            onToggle={toggleFunnelStep}
            hasClicks={summary.clicked !== null}
          />
        </div>
        {failures.funnel && <p className="error">Could not load the funnel: {failures.funnel}</p>}
        {funnel ? (
          <FunnelChart steps={funnel} noGoal={noGoal} />
        ) : (
          !failures.funnel && <p className="muted">Loading…</p>
        )}
      </section>
      <ProviderNumbersPanel campaignId={campaign?.id} refreshKey={summary} />
      <CostPanel campaignId={campaign?.id} refreshKey={summary} />
    </>
  )
}
