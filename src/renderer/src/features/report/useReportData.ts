import { useCallback } from 'react'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useReportsStore, type ReportData } from '../../stores/reportsStore'

export type { ReportData }

/** The report's data, loaded once per campaign. */
export function useReportData(campaignId: string) {
  const report = useReportsStore((s) => s.report)
  const ask = useCallback(() => report(campaignId), [report, campaignId])
  const { data, error } = useLatestAnswer(ask)
  return { data, error }
}
