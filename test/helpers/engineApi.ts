import { startApiServer } from '../../src/main/headless/apiServer'
import type { EngineOptions } from '../../src/main/engine/createEngine'
import { startTestEngine, type TestEngine } from './engine'

export interface ApiReply {
  status: number
  body: { error?: { code: string; message: string; details?: unknown } } & Record<string, unknown>
}

/**
 * A test engine behind the real headless HTTP API (port 0, bearer token): `post` answers the status
 * and JSON body as an automation client sees them, refusals included.
 */
export async function startEngineApi(
  dataDir: string,
  rendererDir: string,
  options: Partial<EngineOptions> = {}
) {
  const te: TestEngine = await startTestEngine(dataDir, options)
  // The TICKBOARD_API_TOKEN admin, as `serve` makes it.
  const token = 'engine-api-test-token'
  te.engine.services.users.bootstrap(token)
  const api = await startApiServer({ engine: te.engine, port: 0, rendererDir })
  return {
    te,
    async post(route: string, input: unknown): Promise<ApiReply> {
      const res = await fetch(`http://127.0.0.1:${api.port}/api/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input)
      })
      return { status: res.status, body: (await res.json()) as ApiReply['body'] }
    },
    async close(): Promise<void> {
      await new Promise<void>((r) => {
        api.server.close(() => r())
        api.server.closeAllConnections()
      })
      await te.engine.close()
    }
  }
}
export type EngineApi = Awaited<ReturnType<typeof startEngineApi>>
