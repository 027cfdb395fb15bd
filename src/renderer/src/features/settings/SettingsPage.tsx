import { useEffect, useState } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import { api } from '../../lib/api'
import { OptOutKeywords } from '../optOuts/OptOutKeywords'
import { BackupPanel } from './BackupPanel'

export function SettingsPage() {
  const [info, setInfo] = useState<Output<'system.info'> | null>(null)
  useEffect(() => {
    void api.invoke('system.info', {}).then(setInfo)
  }, [])
  return (
    <>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="panel">
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
      <OptOutKeywords />
      <BackupPanel />
    </>
  )
}
