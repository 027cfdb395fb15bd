import { create } from 'zustand'
import type { TeamConnection } from '../../../shared/ipc/routes/team'
import { api } from '../lib/api'
import { ErrorCode, hasCode } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'

interface TeamState {
  /** Which engine the desktop window talks to; null until known, or in the browser. */
  connection: TeamConnection | null
  /** Only the desktop app connects to a team server (the browser is already on one). */
  available: boolean
  load(): Promise<void>
  connect(url: string, token: string): Promise<void>
  disconnect(): Promise<void>
  apply(connection: TeamConnection): void
}

// The connection is read on opening, answered by connect and disconnect and pushed by
// `team.connection` as it changes: an answer overtaken by a newer one or by the event is dropped
// (see latestAnswers), or a finished reconnect could show as still connecting.
const answers = latestAnswers<'connection'>()
const show = (connection: TeamConnection) => useTeamStore.setState({ connection })

/** The desktop app's team server connection (issue #22): local engine, or a server and who. */
export const useTeamStore = create<TeamState>()((set) => ({
  connection: null,
  available: api.transport === 'electron',
  async load() {
    if (api.transport !== 'electron') return
    try {
      await answers.load('connection', () => api.invoke('team.status', {}), show)
    } catch (err) {
      if (hasCode(err, ErrorCode.unavailable)) set({ available: false })
      else throw err
    }
  },
  connect: (url, token) =>
    answers.load('connection', () => api.invoke('team.connect', { url, token }), show),
  disconnect: () => answers.load('connection', () => api.invoke('team.disconnect', {}), show),
  apply(connection) {
    answers.overrule('connection')
    set({ connection })
  }
}))
