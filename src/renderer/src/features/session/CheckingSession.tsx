import { useSessionStore } from '../../stores/sessionStore'

/**
 * Shown while the engine says who this window is: the pages' buttons depend on the role. When
 * the engine cannot answer, says why and offers to ask again.
 */
export function CheckingSession() {
  const reason = useSessionStore((s) => s.reason)
  const loadMe = useSessionStore((s) => s.loadMe)
  return (
    <main className="sign-in" data-testid="checking-session">
      <div className="panel">
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
    </main>
  )
}
