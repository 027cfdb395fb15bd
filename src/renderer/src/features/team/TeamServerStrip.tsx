import { useEffect } from 'react'
import { useTeamStore } from '../../stores/teamStore'
import { useUiStore } from '../../stores/uiStore'

/**
 * On every page of the desktop app connected to a team server: which server (who is signed in is
 * at the foot of the navigation), and when it cannot be reached or refuses the token, why.
 */
export function TeamServerStrip() {
  const connection = useTeamStore((s) => s.connection)
  const load = useTeamStore((s) => s.load)
  const navigate = useUiStore((s) => s.navigate)
  useEffect(() => {
    void load().catch(() => undefined)
  }, [load])
  if (connection?.mode !== 'remote') return null
  const host = connection.url ? new URL(connection.url).host : ''
  if (connection.state === 'connected')
    return (
      <div className="team-strip" role="status" data-testid="team-strip">
        Team server <strong>{host}</strong>
      </div>
    )
  return (
    <div className="team-strip team-strip-down" role="alert" data-testid="team-strip">
      <strong>{connection.state === 'refused' ? 'Not signed in' : 'Server unreachable'}:</strong>{' '}
      {connection.reason}{' '}
      <button className="link" onClick={() => navigate({ name: 'settings' })}>
        Team server settings
      </button>
    </div>
  )
}
