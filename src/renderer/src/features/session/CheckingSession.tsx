import { useSessionStore } from '../../stores/sessionStore'
import { useTeamStore } from '../../stores/teamStore'
import { TeamServerPanel } from '../team/TeamServerPanel'
import { TeamServerStrip } from '../team/TeamServerStrip'

/**
 * Shown while the engine says who this window is: the pages' buttons depend on the role. When
 * the engine cannot answer, says why and offers to ask again. The desktop app on a team server
 * that cannot be reached (or refuses the token) also says so, and offers to connect again or to
 * go back to this computer's engine.
 */
export function CheckingSession() {
  const reason = useSessionStore((s) => s.reason)
  const loadMe = useSessionStore((s) => s.loadMe)
  // The strip already says why a team server does not answer: not a second time below it.
  const teamDown = useTeamStore(
    (s) => s.connection?.mode === 'remote' && s.connection.state !== 'connected'
  )
  return (
    <main className="sign-in" data-testid="checking-session">
      <TeamServerStrip />
      <div className="panel" hidden={teamDown}>
        {reason ? (
          <>
            <p className="error" role="alert">
              {reason}
            </p>
            <button className="primary" onClick={() => void loadMe()}>
              Try again
            </button>
          </>
        ) : (
          <p className="muted" role="status">
            Connecting to the engine…
          </p>
        )}
      </div>
      <TeamServerPanel />
    </main>
  )
}
