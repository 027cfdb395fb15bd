import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../../lib/errors'
import { useSettingsStore } from '../../stores/settingsStore'
import { GuardedButton } from '../../components/GuardedButton'

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/**
 * "Back up data": an SQLite online backup into the data folder's backups/, and a restore of any
 * listed backup. Restore is staged by the engine and applied on the next start.
 */
export function BackupPanel() {
  const { backups: list, loadBackups, backup: backupNow, restore: restoreFrom } = useSettingsStore()
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  const refresh = useCallback(() => {
    loadBackups().catch((err: unknown) => setNotice({ kind: 'error', text: errorMessage(err) }))
  }, [loadBackups])
  useEffect(refresh, [refresh])

  async function run(action: () => Promise<string>): Promise<void> {
    setBusy(true)
    setNotice(null)
    try {
      setNotice({ kind: 'ok', text: await action() })
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err) })
    } finally {
      setBusy(false)
      refresh()
    }
  }

  const backup = () =>
    run(async () => {
      const out = await backupNow()
      return `Backed up ${sizeText(out.bytes)} to ${out.path}`
    })
  const restore = (name: string) => {
    if (!window.confirm(`Restore ${name}? The current data is kept under backups/ first.`)) return
    void run(async () => (await restoreFrom(name)).message)
  }

  return (
    <div className="panel" data-testid="backup-panel">
      <h2>Backup</h2>
      <p className="muted">
        A consistent copy of the data file, taken while Tickboard keeps running. Provider
        credentials stay encrypted in it and only open with this installation&apos;s key.
      </p>
      <div className="row">
        <GuardedButton
          route="data.backup"
          className="primary"
          disabled={busy}
          onClick={() => void backup()}
          data-testid="backup-now"
        >
          Back up data
        </GuardedButton>
        {list && <span className="muted">Folder: {list.folder}</span>}
      </div>
      {notice && (
        <p className={notice.kind === 'error' ? 'error' : 'muted'} data-testid="backup-notice">
          {notice.text}
        </p>
      )}
      {list && list.backups.length > 0 && (
        <table data-testid="backup-list">
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.path}>
                <td>
                  <code>{b.name}</code>
                </td>
                <td>{new Date(b.createdAt).toLocaleString()}</td>
                <td>{sizeText(b.bytes)}</td>
                <td>
                  <GuardedButton
                    route="data.restore"
                    disabled={busy}
                    onClick={() => restore(b.name)}
                  >
                    Restore…
                  </GuardedButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
