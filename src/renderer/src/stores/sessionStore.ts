import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'
import { errorMessage, ErrorCode, hasCode } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'

export type Me = Output<'users.me'>

interface SessionState {
  /**
   * `checking` until the engine says who this window is (`users.me`); `signedOut` only in the
   * browser UI, after the engine refused the token, there was none, or the user signed out.
   */
  status: 'checking' | 'open' | 'signedOut'
  /** Who is signed in: the desktop window is the local admin; the browser, the token's user. */
  me: Me | null
  /** Why the sign-in screen is shown, or why who you are could not be checked. */
  reason: string | null
  busy: boolean
  /** Only the browser UI signs in and out; the desktop window is the local admin's own. */
  canSignOut: boolean
  /** Asks the engine who this window is; the app shows its pages once it knows. */
  loadMe(): Promise<void>
  signIn(token: string): Promise<void>
  signOut(): void
}

const REFUSED_TOKEN =
  'The engine did not accept the token this tab had: it is wrong, it was revoked, or serve restarted with another. Sign in with a current token.'
const NO_TOKEN = 'This engine asks for your API token.'
const WRONG_TOKEN =
  'That token was not accepted: it is wrong or it was revoked. Ask an admin of this engine for a current one.'
const SIGNED_OUT = 'You signed out. This tab no longer holds your token.'

// Who this window is, asked on start, after each sign-in and when the team server comes back: an
// answer overtaken by a newer one, or by a sign-out or refused token meanwhile, is dropped (see
// latestAnswers), or a signed-out tab could open its pages again with the old token's answer.
const answers = latestAnswers<'me'>()

/** Who is using this window, and the browser UI's sign-in and sign-out. */
export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'checking',
  me: null,
  reason: null,
  busy: false,
  canSignOut: api.session !== null,
  async loadMe() {
    const fresh = answers.ask('me')
    try {
      const me = await api.invoke('users.me', {})
      if (fresh()) set({ me, status: 'open', reason: null })
    } catch (err) {
      // A refused token already moved to the sign-in screen (onRefused below).
      if (!fresh() || get().status === 'signedOut' || hasCode(err, ErrorCode.unauthorized)) return
      set({ reason: `Could not check who you are: ${errorMessage(err)}` })
    }
  },
  async signIn(token) {
    const session = api.session
    if (!session) return
    set({ busy: true })
    const refused = await session.signIn(token.trim())
    if (refused)
      set({
        busy: false,
        reason: refused.code === ErrorCode.unauthorized ? WRONG_TOKEN : refused.message
      })
    else {
      set({ busy: false, status: 'checking', me: null, reason: null })
      await get().loadMe()
    }
  },
  signOut() {
    api.session?.signOut()
    answers.overrule('me')
    set({ status: 'signedOut', me: null, reason: SIGNED_OUT })
  }
}))

// A 401 at any time (a revoked token mid-session too) returns to the sign-in screen.
api.session?.onRefused(() => {
  answers.overrule('me')
  useSessionStore.setState({
    status: 'signedOut',
    me: null,
    reason: api.session?.hasToken() ? REFUSED_TOKEN : NO_TOKEN
  })
})
