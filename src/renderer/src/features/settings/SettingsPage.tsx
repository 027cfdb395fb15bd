import { useEffect, useState } from 'react'
import { errorMessage } from '../../lib/errors'
import { useSettingsStore } from '../../stores/settingsStore'
import { OptOutKeywords } from '../optOuts/OptOutKeywords'
import { BackupPanel } from './BackupPanel'
import { StartAtLogin } from './StartAtLogin'

export function SettingsPage() {
  const info = useSettingsStore((s) => s.info)
  const loadInfo = useSettingsStore((s) => s.loadInfo)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    loadInfo().catch((err: unknown) => setError(errorMessage(err)))
  }, [loadInfo])
  return (
    <>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="panel">
        {error && <p className="error">{error}</p>}
        <table>
          <tbody>
            <tr>
              <th>Version</th>
              <td>{info?.version}</td>
            </tr>
            <tr>
              <th>Data folder</th>
              <td>
                <code>{info?.dataDir}</code>
              </td>
            </tr>
            <tr>
              <th>Connection</th>
              <td>
                {info?.transport === 'electron' ? 'Desktop app' : 'Headless engine over HTTP'}
              </td>
            </tr>
            <tr>
              <th>Provider credentials</th>
              <td>Encrypted at rest: {info?.credentials.storage}</td>
            </tr>
          </tbody>
        </table>
        {info?.credentials.notice && (
          <p className="warn" role="note" data-testid="credentials-notice">
            {info.credentials.notice}
          </p>
        )}
      </div>
      <StartAtLogin />
      <OptOutKeywords />
      <BackupPanel />
    </>
  )
}
