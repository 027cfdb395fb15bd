import { create } from 'zustand'
import type { TeamConnection } from '../../../shared/ipc/routes/team'
import { api } from '../lib/api'
import { ErrorCode, hasCode } from '../lib/errors'

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

/** The desktop app's team server connection (issue #22): local engine, or a server and who. */
export const useTeamStore = create<TeamState>()((set) => ({
  connection: null,
  available: api.transport === 'electron',
  async load() {
    if (api.transport !== 'electron') return
    try {
      set({ connection: await api.invoke('team.status', {}) })
    } catch (err) {
      if (hasCode(err, ErrorCode.unavailable)) set({ available: false })
      else throw err
    }
  },
  async connect(url, token) {
    set({ connection: await api.invoke('team.connect', { url, token }) })
  },
  async disconnect() {
    set({ connection: await api.invoke('team.disconnect', {}) })
  },
  apply: (connection) => set({ connection })
}))
