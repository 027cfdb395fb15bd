import { useEffect, useState, type FormEvent } from 'react'
import type { Role } from '../../../../shared/ipc/roles'
import { DataTable } from '../../components/DataTable'
import { ErrorPanel } from '../../components/ErrorPanel'
import { GuardedButton } from '../../components/GuardedButton'
import { errorMessage } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { useSessionStore } from '../../stores/sessionStore'
import { useUsersStore, type User } from '../../stores/usersStore'
import { CopyButton } from '../../components/CopyButton'
import { RevokeDialog } from './RevokeDialog'

const ROLES: Role[] = ['viewer', 'operator', 'admin']

/**
 * Settings → Users (admins): create a user with a role (the token is shown once, here), the
 * list with who created whom and who is revoked, and Revoke after a confirmation.
 */
export function UsersPanel() {
  const users = useUsersStore((s) => s.users)
  const load = useUsersStore((s) => s.load)
  const create = useUsersStore((s) => s.create)
  const me = useSessionStore((s) => s.me)
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('operator')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ name: string; role: Role; token: string } | null>(null)
  const [revoking, setRevoking] = useState<User | null>(null)
  useEffect(() => {
    load().catch((err: unknown) => setError(errorMessage(err)))
  }, [load])

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault()
    if (!name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const { token } = await create(name.trim(), role)
      setCreated({ name: name.trim(), role, token })
      setName('')
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <form className="panel" onSubmit={(e) => void submit(e)} data-testid="user-create">
        <h2>New user</h2>
        <p className="muted">
          Each person signs in with their own token, and their role decides what they may do: a
          viewer reads and exports; an operator also imports contacts, composes, launches, pauses
          and cancels; an admin also manages provider accounts, users and settings.
        </p>
        <div className="row">
          <label htmlFor="user-name">Name</label>
          <input
            id="user-name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            data-testid="user-name"
          />
          <label htmlFor="user-role">Role</label>
          <select
            id="user-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            data-testid="user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <GuardedButton
            route="users.create"
            type="submit"
            className="primary"
            disabled={busy || !name.trim()}
            data-testid="user-create-submit"
          >
            Create user
          </GuardedButton>
        </div>
        {created && <NewToken {...created} onDone={() => setCreated(null)} />}
      </form>
      <ErrorPanel error={error} testId="users-error" />
      <section className="panel" data-testid="users-panel">
        <h2>Users</h2>
        {!users ? (
          !error && <p className="muted">Loading…</p>
        ) : (
          <DataTable columns={['Name', 'Role', 'Created', 'Status', '']} testId="users-table">
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-row-${u.name}`} data-revoked={!!u.revokedAt}>
                <td>
                  {u.name}
                  {u.id === me?.id && <span className="muted"> (you)</span>}
                </td>
                <td>
                  <span className={`badge role-${u.role}`}>{u.role}</span>
                </td>
                <td>
                  {formatDateTime(u.createdAt)}
                  <div className="muted">
                    {u.createdBy ? `by ${u.createdBy}` : 'at first start'}
                  </div>
                </td>
                <td data-testid="user-status">
                  {u.revokedAt ? `Revoked ${formatDateTime(u.revokedAt)}` : 'Active'}
                </td>
                <td>
                  {!u.revokedAt && u.id !== me?.id && (
                    <div className="row">
                      <GuardedButton
                        route="users.revoke"
                        className="danger"
                        onClick={() => setRevoking(u)}
                        data-testid="user-revoke"
                      >
                        Revoke…
                      </GuardedButton>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {revoking && <RevokeDialog user={revoking} onClose={() => setRevoking(null)} />}
    </>
  )
}

/** The new user's token, shown this once: copy it and hand it over. */
function NewToken(props: { name: string; role: Role; token: string; onDone(): void }) {
  return (
    <div className="new-token" role="status" data-testid="user-token">
      <p>
        <strong>
          {props.name} ({props.role})
        </strong>{' '}
        signs in with this token. Copy it now and give it to them:{' '}
        <strong>it will not be shown again.</strong>
      </p>
      <div className="row">
        <code data-testid="user-token-value">{props.token}</code>
        <CopyButton text={props.token} testId="user-token-copy" />
        <button type="button" onClick={props.onDone} data-testid="user-token-done">
          Done
        </button>
      </div>
    </div>
  )
}
