import { create } from 'zustand'
import { api } from '../lib/api'
import { ErrorCode } from '../lib/errors'

interface SessionState {
  /** `signedOut` only in the browser UI, after the engine refused the token (or there was none). */
  status: 'open' | 'signedOut'
  /** Why the sign-in screen is shown, in the operator's words. */
  reason: string | null
  busy: boolean
  signIn(token: string): Promise<void>
  signOut(): void
}

const REFUSED_TOKEN =
  'The engine did not accept the token this tab had (it was wrong, or serve restarted with a new one).'
const NO_TOKEN = 'This engine asks for its API token.'

/** The browser UI's sign-in: a token today, the shape a per-user token or login will keep. */
export const useSessionStore = create<SessionState>()((set) => ({
  status: 'open',
  reason: null,
  busy: false,
  async signIn(token) {
    const session = api.session
    if (!session) return
    set({ busy: true })
    const refused = await session.signIn(token.trim())
    if (refused)
      set({
        busy: false,
        reason:
          refused.code === ErrorCode.unauthorized
            ? 'That token was not accepted. Copy it again from the ui: line serve printed.'
            : refused.message
      })
    else set({ busy: false, status: 'open', reason: null })
  },
  signOut() {
    api.session?.signOut()
  }
}))

api.session?.onRefused(() =>
  useSessionStore.setState({
    status: 'signedOut',
    reason: api.session?.hasToken() ? REFUSED_TOKEN : NO_TOKEN
  })
)
