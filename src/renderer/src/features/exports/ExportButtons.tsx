import { useState } from 'react'
import type { Input } from '../../../../shared/ipc/contract'
import { ProgressBar } from '../../components/ProgressBar'
import { errorMessage } from '../../lib/errors'
import { useReportsStore } from '../../stores/reportsStore'
import { useExportStore } from './exportStore'
import { ScheduledReports } from './ScheduledReports'
import { GuardedButton } from '../../components/GuardedButton'
import { downloadPrepared } from '../../lib/download'

type What = Omit<Input<'reports.export'>, 'path'>

const CHOICES: { id: string; label: string; what: Omit<What, 'campaignId'> }[] = [
  { id: 'summary', label: 'Summary CSV', what: { format: 'csv', kind: 'summary' } },
  { id: 'recipients', label: 'Recipients CSV', what: { format: 'csv', kind: 'recipients' } },
  {
    id: 'recipients-reimport',
    label: 'Recipients CSV for re-import',
    what: { format: 'csv', kind: 'recipients_reimport' }
  },
  { id: 'trend', label: 'Trend CSV', what: { format: 'csv', kind: 'trend', granularity: 'day' } },
  { id: 'errors', label: 'Errors CSV', what: { format: 'csv', kind: 'errors' } },
  { id: 'pdf', label: 'PDF report', what: { format: 'pdf' } }
]

function fileName(campaignName: string, what: Omit<What, 'campaignId'>): string {
  const base = campaignName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'campaign'
  return `${base}-${what.format === 'pdf' ? 'report' : what.kind}.${what.format}`
}

/**
 * Export buttons of the stats view. Desktop: the native save dialog, then the engine writes the
 * file there. Browser (headless): the engine prepares the file and the browser downloads it.
 */
export function ExportButtons({
  campaignId,
  campaignName
}: {
  campaignId: string
  campaignName: string
}) {
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const [paper, setPaper] = useState<'A4' | 'Letter'>('A4')
  const progress = useExportStore((s) => s.progress)
  const clear = useExportStore((s) => s.clear)
  const reports = useReportsStore()
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone

  async function run(choice: (typeof CHOICES)[number]): Promise<void> {
    const what: What = { campaignId, timezone, paper, ...choice.what }
    setBusy(choice.id)
    setMessage(null)
    clear()
    try {
      if (reports.transport === 'electron') {
        const defaultName = fileName(campaignName, choice.what)
        const { path, replaces } = await reports.chooseSavePath({
          defaultName,
          format: what.format
        })
        if (!path) return
        // The dialog asked "replace?" when the file exists, and the operator confirmed.
        const out = await reports.exportTo({ ...what, path, overwrite: replaces })
        setMessage({ error: false, text: `Saved ${out.path} (${formatBytes(out.bytes)})` })
      } else {
        const ready = await reports.prepareDownload(what)
        downloadPrepared(ready.token, ready.fileName)
        setMessage({
          error: false,
          text: `Downloading ${ready.fileName} (${formatBytes(ready.bytes)})`
        })
      }
    } catch (err) {
      setMessage({ error: true, text: `Export failed: ${errorMessage(err)}` })
    } finally {
      setBusy(null)
    }
  }

  const ratio = progress && progress.totalRows ? progress.rows / progress.totalRows : 0
  return (
    <div className="export-buttons" data-testid="export-buttons">
      <div className="row">
        {CHOICES.map((choice) => (
          <GuardedButton
            route={reports.transport === 'electron' ? 'reports.export' : 'reports.prepareDownload'}
            key={choice.id}
            disabled={busy !== null}
            onClick={() => void run(choice)}
            data-testid={`export-${choice.id}`}
          >
            {busy === choice.id ? 'Exporting…' : choice.label}
          </GuardedButton>
        ))}
        <select
          aria-label="PDF paper size"
          value={paper}
          onChange={(e) => setPaper(e.target.value as 'A4' | 'Letter')}
          data-testid="export-paper"
        >
          <option value="A4">A4</option>
          <option value="Letter">Letter</option>
        </select>
      </div>
      {busy && progress && progress.totalRows > 0 && (
        <div data-testid="export-progress">
          <ProgressBar ratio={ratio} label="Export progress" />
          <span className="muted">
            {progress.rows.toLocaleString()} of {progress.totalRows.toLocaleString()} rows
          </span>
        </div>
      )}
      <ScheduledReports campaignId={campaignId} />
      {message && (
        <p
          className={message.error ? 'error' : 'muted'}
          role={message.error ? 'alert' : 'status'}
          data-testid="export-message"
        >
          {message.text}
        </p>
      )}
    </div>
  )
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
