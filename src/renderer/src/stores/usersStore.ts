import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import type { Role } from '../../../shared/ipc/roles'
import { api } from '../lib/api'
import { latestAnswers } from '../lib/latestAnswers'

export type User = Output<'users.list'>['users'][number]

interface UsersState {
  users: User[] | null
  load(): Promise<void>
  /** Creates a user; the answer holds the user's token, which the engine never shows again. */
  create(name: string, role: Role): Promise<Output<'users.create'>>
  revoke(id: string): Promise<void>
}

// The list is read again after each create and revoke: an answer overtaken by a newer one (a
// revoked user still listed) is dropped (see latestAnswers).
const answers = latestAnswers<'users'>()

/** The team's users (admins only): who may sign in to this engine, and with which role. */
export const useUsersStore = create<UsersState>()((set, get) => ({
  users: null,
  load: () =>
    answers.load(
      'users',
      () => api.invoke('users.list', {}),
      ({ users }) => set({ users })
    ),
  async create(name, role) {
    const created = await api.invoke('users.create', { name, role })
    await get().load()
    return created
  },
  async revoke(id) {
    await api.invoke('users.revoke', { id })
    await get().load()
  }
}))
