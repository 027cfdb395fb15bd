import { useState, type FormEvent } from 'react'
import { useSessionStore } from '../../stores/sessionStore'

/**
 * Shown instead of every page when the engine refuses the browser's token: an empty campaign
 * list under an error would suggest the data is gone. The page asked for stays in the address
 * and opens once signed in.
 */
export function SignInPage() {
  const reason = useSessionStore((s) => s.reason)
  const busy = useSessionStore((s) => s.busy)
  const signIn = useSessionStore((s) => s.signIn)
  const [token, setToken] = useState('')
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (token.trim()) void signIn(token)
  }
  return (
    <main className="sign-in" data-testid="sign-in">
      <form className="panel" onSubmit={submit}>
        <h1>Sign in to Tickboard</h1>
        {reason && (
          <p className="error" role="alert" data-testid="sign-in-reason">
            {reason}
          </p>
        )}
        <p className="muted">
          Paste your own token: the one an admin of this engine created for you (Settings → Users),
          or the token the engine was started with (TICKBOARD_API_TOKEN, also the part after{' '}
          <code>#token=</code> in the <code>ui:</code> address that <code>serve</code> printed).
          This tab keeps it until it is closed or you sign out.
        </p>
        <label htmlFor="sign-in-token">Your token</label>
        <div className="row">
          <input
            id="sign-in-token"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={token}
            onChange={(e) => setToken(e.target.value)}
            data-testid="sign-in-token"
            style={{ flex: 1 }}
          />
          <button
            type="submit"
            className="primary"
            disabled={busy || !token.trim()}
            data-testid="sign-in-submit"
          >
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  )
}
