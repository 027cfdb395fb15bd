import { join } from 'node:path'
import { startApiServer } from '../../src/main/headless/apiServer'
import type { EngineOptions } from '../../src/main/engine/createEngine'
import type { Role } from '../../src/shared/ipc/roles'
import { startTestEngine, type TestEngine } from './engine'

export interface TeamReply {
  status: number
  headers: Headers
  body: { error?: { code: string; message: string; details?: unknown } } & Record<string, unknown>
}

/**
 * A team server as `serve` runs it, in process: a real engine on a SQLite file, the real HTTP
 * API on 127.0.0.1 port 0, the TICKBOARD_API_TOKEN admin, and users made through `users.create`.
 */
export async function startTeamApi(dataDir: string, options: Partial<EngineOptions> = {}) {
  const te: TestEngine = await startTestEngine(join(dataDir, 'data'), options)
  const adminToken = 'team-api-admin-token'
  te.engine.services.users.bootstrap(adminToken)
  const api = await startApiServer({ engine: te.engine, port: 0, rendererDir: dataDir })
  const base = `http://127.0.0.1:${api.port}`
  async function post(
    token: string | null,
    route: string,
    input: unknown,
    headers: Record<string, string> = {}
  ): Promise<TeamReply> {
    const res = await fetch(`${base}/api/${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...headers
      },
      body: JSON.stringify(input)
    })
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as TeamReply['body']
    }
  }
  return {
    te,
    base,
    adminToken,
    post,
    /** A new user made by the admin over HTTP: its id and its one-time token. */
    async addUser(name: string, role: Role): Promise<{ id: string; token: string }> {
      const made = await post(adminToken, 'users.create', { name, role })
      if (made.status !== 200) throw new Error(`users.create: ${JSON.stringify(made.body)}`)
      return made.body as unknown as { id: string; token: string }
    },
    async close(): Promise<void> {
      await api.close(0)
      await te.engine.close()
    }
  }
}
export type TeamApi = Awaited<ReturnType<typeof startTeamApi>>
