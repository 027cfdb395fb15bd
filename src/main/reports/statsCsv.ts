import { summaryLines, type SummaryLine } from '../../shared/ipc/routes/reports'
import { costSummaryLines } from '../../shared/domain/costSummary'
import { reconciliationLines } from '../../shared/domain/reconciliationSummary'
import { templateSummaryLines } from '../../shared/domain/templateSummary'
import { COST_DEFINITIONS, definitionOf } from '../../shared/domain/statDefinitions'
import type { ReportSources } from './sources'
import type { CellValue } from './csvCell'
import { writeCsvFile } from './csvFile'
import type { FileTarget } from '../db/placeFile'

type Written = Promise<{ path: string; bytes: number; rows: number }>

export async function exportSummaryCsv(
  sources: ReportSources,
  campaignId: string,
  target: FileTarget
): Written {
  const summary = await sources.summary(campaignId)
  const cost = await sources.cost(campaignId)
  const { template, launchedAt } = await sources.campaign(campaignId)
  // A campaign never launched has no provider numbers to set beside ours (the route answers
  // not_found for it); its summary still exports, as the PDF's optional section does.
  const provider = launchedAt ? await sources.reconciliation(campaignId) : null
  const lines: (SummaryLine & { note?: string })[] = [
    ...templateSummaryLines(template),
    ...summaryLines(summary),
    ...costSummaryLines(cost),
    ...(provider ? reconciliationLines(provider) : [])
  ]
  const rows: CellValue[][] = lines.map((l) => [
    l.stat,
    l.label,
    l.value,
    l.note ??
      (l.stat === 'clicked' && l.value === null ? (summary.clickedReason ?? null) : null) ??
      // An empty cost line says why it is empty ("No ROI: revenue in INR, cost in USD").
      (l.value === null && l.stat.startsWith('cost.')
        ? (cost.reasons[l.stat.slice(5)] ?? null)
        : null) ??
      definitionOf(l.stat)?.definition ??
      COST_DEFINITIONS.find((d) => `cost.${d.key}` === l.stat)?.definition ??
      null
  ])
  return writeCsvFile(target, ['stat', 'label', 'value', 'definition'], rows)
}

export async function exportTrendCsv(
  sources: ReportSources,
  campaignId: string,
  target: FileTarget,
  granularity: 'day' | 'week' | 'month',
  timezone: string
): Written {
  const { buckets } = await sources.trend({ campaignId, granularity, timezone })
  const rows: CellValue[][] = buckets.map((b) => [
    b.start,
    granularity,
    timezone,
    b.sent,
    b.delivered,
    b.viewed,
    b.replied,
    b.converted
  ])
  const header = ['bucket_start', 'granularity', 'timezone', 'sent', 'delivered', 'viewed']
  return writeCsvFile(target, [...header, 'replied', 'converted'], rows)
}

export async function exportErrorsCsv(
  sources: ReportSources,
  campaignId: string,
  target: FileTarget
): Written {
  const rows: CellValue[][] = []
  for (const kind of ['dispatch', 'delivery'] as const) {
    const { groups } = await sources.errors({ campaignId, kind })
    for (const g of groups)
      rows.push([kind, g.code, g.title, g.explanation, g.nextStep ?? null, g.count, g.share])
  }
  const header = ['kind', 'code', 'title', 'explanation', 'next_step', 'count', 'share']
  return writeCsvFile(target, header, rows)
}
