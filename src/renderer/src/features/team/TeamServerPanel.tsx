import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../lib/errors'
import { useTeamStore } from '../../stores/teamStore'

/**
 * Settings → "Connect to a team server" (desktop app): the server's https address and your
 * token; the window then works on the server, and the engine on this computer is not started.
 */
export function TeamServerPanel() {
  const { connection, available, connect, disconnect } = useTeamStore()
  const [url, setUrl] = useState('')
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!available || !connection) return null

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await action()
      setToken('')
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(() => connect(url, token))
  }
  const remote = connection.mode === 'remote'

  return (
    <div className="panel" data-testid="team-server">
      <h2>Team server</h2>
      {remote ? (
        <>
          <p>
            Connected to <code>{connection.url}</code>
            {connection.user
              ? ` as ${connection.user.name} (${connection.user.role}).`
              : ' with a token that names no user.'}
          </p>
          <p className="muted">
            Campaigns, contacts and reports are the server&apos;s; the engine on this computer is
            not running.{' '}
            {connection.tokenKept
              ? 'Your token is kept in the OS keychain.'
              : 'Without an OS keychain your token is not kept: you will be asked again at the next start.'}
          </p>
        </>
      ) : (
        <p className="muted">
          Work on your team&apos;s always-on server instead of this computer: its campaigns, its
          contacts, its callbacks. An admin gives you the address and your token.
        </p>
      )}
      <form className="field-grid" onSubmit={submit} aria-label="Connect to a team server">
        <label htmlFor="team-url">Server address</label>
        <input
          id="team-url"
          type="url"
          placeholder="https://tickboard.example.com"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          data-testid="team-url"
        />
        <label htmlFor="team-token">Your token</label>
        <input
          id="team-token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
          data-testid="team-token"
        />
        <span />
        <div>
          <button className="primary" type="submit" disabled={busy} data-testid="team-connect">
            {remote ? 'Connect with this token' : 'Connect to a team server'}
          </button>{' '}
          {remote && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(disconnect)}
              data-testid="team-disconnect"
            >
              Disconnect (use this computer)
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
    </div>
  )
}
