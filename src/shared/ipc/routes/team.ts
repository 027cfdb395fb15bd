import { z } from 'zod'

/**
 * The desktop app as a team server's client (issue #22): which engine the window talks to. The
 * desktop shell answers these itself (src/main/bridge/teamClient.ts); an engine answers 503.
 */
export const teamConnection = z.object({
  /** `local`: the engine on this computer; `remote`: a team server over HTTPS. */
  mode: z.enum(['local', 'remote']),
  url: z.string().nullable(),
  /** `unreachable`: no answer (retrying); `refused`: the server does not accept the token. */
  state: z.enum(['local', 'connected', 'unreachable', 'refused']),
  /** Why it is unreachable or refused, in the operator's words. */
  reason: z.string().nullable(),
  /** Who the token signs in as (`users.me`); null when the server has no users yet. */
  user: z.object({ id: z.string(), name: z.string(), role: z.string() }).nullable(),
  /** Whether the OS keychain keeps the token across restarts (else it is asked again). */
  tokenKept: z.boolean()
})
export type TeamConnection = z.infer<typeof teamConnection>

// Any role: the desktop shell answers them for its own window; an engine changes nothing (503).
export const teamRoutes = {
  'team.status': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: teamConnection
  },
  /** Checks the server and the token, keeps the token in the OS keychain, switches the window. */
  'team.connect': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ url: z.string().min(1).max(2048), token: z.string().min(1).max(1024) }),
    output: teamConnection
  },
  /** Forgets the server and its token and starts the local engine again. */
  'team.disconnect': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: teamConnection
  }
} as const
