import { createEngine, type Engine, type EngineOptions } from '../../src/main/engine/createEngine'
import type { Input, Output, Route } from '../../src/shared/ipc/contract'
import { createKeyFileSecretBox } from '../../src/main/secrets/secretBox'

/** The real engine on a temp data dir, with the same invoker both transports use. */
export async function startTestEngine(dataDir: string, options: Partial<EngineOptions> = {}) {
  const engine = await createEngine({
    dataDir,
    transport: 'http',
    publicUrl: null,
    seedDemo: false,
    hooksPort: 0,
    secrets: createKeyFileSecretBox,
    log: () => undefined,
    ...options
  })
  return {
    engine,
    /** Calls a route and returns its output, throwing on an error result. */
    async call<R extends Route>(route: R, input: Input<R>): Promise<Output<R>> {
      const result = await engine.invoke(route, input)
      if (!result.ok) throw new Error(`${route}: ${result.error.code}: ${result.error.message}`)
      return result.data as Output<R>
    }
  }
}
export type TestEngine = Awaited<ReturnType<typeof startTestEngine>> & { engine: Engine }
