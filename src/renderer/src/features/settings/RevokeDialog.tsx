import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { errorMessage } from '../../lib/errors'
import { useUsersStore, type User } from '../../stores/usersStore'

/** Asks before a user's token stops working; Cancel (where focus starts) or Escape leave it. */
export function RevokeDialog({ user, onClose }: { user: User; onClose(): void }) {
  const revoke = useUsersStore((s) => s.revoke)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function confirm(): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await revoke(user.id)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }
  return (
    <Dialog title={`Revoke ${user.name}?`} onCancel={onClose} testId="revoke-dialog">
      <p>
        {user.name}&apos;s token stops working at once: their next call is refused and their open
        pages return to the sign-in screen. This cannot be undone; to let them back in, create a new
        user.
      </p>
      <ErrorPanel error={error} testId="revoke-error" />
      <div className="row" style={{ justifyContent: 'flex-end', marginTop: 12 }}>
        <button onClick={onClose} data-testid="revoke-cancel" data-autofocus>
          Cancel
        </button>
        <button
          className="danger"
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="revoke-confirm"
        >
          {busy ? 'Revoking…' : `Revoke ${user.name}`}
        </button>
      </div>
    </Dialog>
  )
}
