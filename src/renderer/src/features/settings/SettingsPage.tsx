import { useEffect, useState } from 'react'
import { errorMessage } from '../../lib/errors'
import { useSettingsStore } from '../../stores/settingsStore'
import { useTeamStore } from '../../stores/teamStore'
import { OptOutKeywords } from '../optOuts/OptOutKeywords'
import { Restricted } from '../../components/Restricted'
import type { SettingsSection } from '../../lib/routes'
import { AuditLogPanel } from './AuditLogPanel'
import { TeamServerPanel } from '../team/TeamServerPanel'
import { BackupPanel } from './BackupPanel'
import { SettingsTabs } from './SettingsTabs'
import { DefaultCurrency } from './DefaultCurrency'
import { StartAtLogin } from './StartAtLogin'
import { UsersPanel } from './UsersPanel'

/** Settings: the installation (general), and for admins the team's users and the audit log. */
export function SettingsPage({ section }: { section?: SettingsSection }) {
  return (
    <div data-testid={`settings-${section ?? 'general'}`}>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <SettingsTabs section={section} />
      {section === 'users' ? (
        <Restricted route="users.list" what="The users of this engine">
          <UsersPanel />
        </Restricted>
      ) : section === 'audit' ? (
        <Restricted route="audit.list" what="The audit log">
          <AuditLogPanel />
        </Restricted>
      ) : (
        <GeneralSettings />
      )}
    </div>
  )
}

function GeneralSettings() {
  const info = useSettingsStore((s) => s.info)
  const loadInfo = useSettingsStore((s) => s.loadInfo)
  const team = useTeamStore((s) => s.connection)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    loadInfo().catch((err: unknown) => setError(errorMessage(err)))
  }, [loadInfo])
  return (
    <>
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
                {team?.mode === 'remote'
                  ? `Desktop app on the team server ${team.url}`
                  : info?.transport === 'electron'
                    ? 'Desktop app'
                    : 'Headless engine over HTTP'}
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
      <TeamServerPanel />
      <DefaultCurrency />
      {team?.mode !== 'remote' && (
        <Restricted route="system.loginItem" what="Start at login">
          <StartAtLogin />
        </Restricted>
      )}
      <OptOutKeywords />
      <Restricted route="data.backups" what="Backups">
        <BackupPanel />
      </Restricted>
    </>
  )
}
