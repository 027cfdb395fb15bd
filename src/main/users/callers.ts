import type { Caller } from '../../shared/ipc/roles'

/**
 * The desktop app's own user: the one person at this computer, over Electron IPC (no token, no
 * network). The one place that decides it is an admin; `engine.invoke` calls as this user.
 */
export const DESKTOP_USER: Caller = { id: 'desktop', name: 'This computer', role: 'admin' }

/** The engine calling its own routes (reports' print page): not a person, never audited. */
export const ENGINE_CALLER: Caller = { id: 'engine', name: 'Tickboard engine', role: 'admin' }
