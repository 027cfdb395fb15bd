import { useCallback, useState } from 'react'
import type { ReportSchedule } from '../../../../shared/ipc/routes/reports'
import { errorMessage } from '../../lib/errors'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { DataTable } from '../../components/DataTable'
import { useReportsStore } from '../../stores/reportsStore'
import { GuardedButton } from '../../components/GuardedButton'

const when = (ms: number | null): string => (ms ? new Date(ms).toLocaleString() : '—')

/**
 * Daily or weekly exports of this campaign (summary + recipients CSV and/or the PDF) into a
 * folder on this computer, written while Tickboard runs.
 */
export function ScheduledReports({ campaignId }: { campaignId: string }) {
  const [every, setEvery] = useState<'daily' | 'weekly'>('weekly')
  const [folder, setFolder] = useState('')
  const [pdf, setPdf] = useState(true)
  const [version, setVersion] = useState(0)
  const reload = (): void => setVersion((v) => v + 1)
  const reports = useReportsStore()
  const ask = useCallback(() => reports.schedules(campaignId), [reports, campaignId])
  const { data, error, setError } = useLatestAnswer(ask, { refreshKey: version })
  const schedules: ReportSchedule[] = data ?? []

  async function add(): Promise<void> {
    setError(null)
    try {
      const formats: ('csv' | 'pdf')[] = pdf ? ['csv', 'pdf'] : ['csv']
      await reports.schedule({ campaignId, every, folder: folder.trim(), formats })
      setFolder('')
      reload()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  async function remove(id: string): Promise<void> {
    await reports.unschedule(id).catch((err: unknown) => setError(errorMessage(err)))
    reload()
  }

  return (
    <details className="scheduled-reports" data-testid="scheduled-reports">
      <summary>Scheduled reports ({schedules.length})</summary>
      {schedules.length > 0 && (
        <DataTable columns={['Every', 'Folder', 'Files', 'Next', 'Last', '']}>
          {schedules.map((s) => (
            <tr key={s.id} data-testid={`schedule-${s.id}`}>
              <td>{s.every}</td>
              <td>{s.folder}</td>
              <td>{s.formats.join(' + ').toUpperCase()}</td>
              <td>{when(s.nextRunAt)}</td>
              <td>
                {when(s.lastRunAt)}
                {s.lastError && <span className="error"> failed: {s.lastError}</span>}
              </td>
              <td>
                <GuardedButton route="reports.unschedule" onClick={() => void remove(s.id)}>
                  Remove
                </GuardedButton>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="row">
        <select
          aria-label="How often"
          value={every}
          onChange={(e) => setEvery(e.target.value as 'daily' | 'weekly')}
        >
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
        </select>
        <input
          aria-label="Folder"
          placeholder="Folder on this computer, e.g. /home/me/reports"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          data-testid="schedule-folder"
        />
        <label className="toggle">
          <input type="checkbox" checked={pdf} onChange={(e) => setPdf(e.target.checked)} /> PDF too
        </label>
        <GuardedButton
          route="reports.schedule"
          disabled={!folder.trim()}
          onClick={() => void add()}
          data-testid="schedule-add"
        >
          Schedule
        </GuardedButton>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  )
}
