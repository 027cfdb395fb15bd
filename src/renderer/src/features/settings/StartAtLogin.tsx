import { useEffect, useState } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import { errorMessage } from '../../lib/errors'
import { useSettingsStore } from '../../stores/settingsStore'

/**
 * Start Tickboard at login, so reports keep arriving after a restart (issue #19): the desktop
 * app on macOS and Windows; elsewhere, why not and what to do instead.
 */
export function StartAtLogin() {
  const loginItem = useSettingsStore((s) => s.loginItem)
  const [state, setState] = useState<Output<'system.loginItem'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    loginItem()
      .then(setState)
      .catch((err: unknown) => setError(errorMessage(err)))
  }, [loginItem])
  if (!state && !error) return null
  return (
    <div className="panel" data-testid="start-at-login">
      <h2>Start at login</h2>
      <p className="muted">
        Closing the window keeps Tickboard receiving reports in the tray (menu bar); while a
        campaign sends or its reports are due it also keeps the computer from going to sleep.
      </p>
      {error && <p className="error">{error}</p>}
      {state?.supported ? (
        <label>
          <input
            type="checkbox"
            checked={state.openAtLogin}
            data-testid="start-at-login-toggle"
            onChange={(e) => {
              loginItem(e.target.checked)
                .then(setState)
                .catch((err: unknown) => setError(errorMessage(err)))
            }}
          />{' '}
          Start Tickboard when I log in
        </label>
      ) : (
        state && <p className="muted">{state.note}</p>
      )}
    </div>
  )
}
