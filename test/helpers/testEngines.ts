import { beforeAll } from 'vitest'
import type { EngineOptions } from '../../src/main/engine/createEngine'
import { useClosers } from './closers'
import { startTestEngine, type TestEngine } from './engine'
import { FAST_TUNNEL_TIMINGS } from './localtunnelServer'
import { useTempDirs } from './tempDir'

/**
 * Engines on fresh temp folders, each closed after the test (its folder removed), for tests that
 * start their fakes beside it: `closeAfter` registers what else the test started, closed first.
 * `fastTunnels`: the tunnel's probes and back-off in milliseconds, for tests that run one.
 */
export function useTestEngines(options: { fastTunnels?: boolean } = {}) {
  if (options.fastTunnels) {
    beforeAll(() => {
      Object.assign(process.env, FAST_TUNNEL_TIMINGS)
    })
  }
  const tempDir = useTempDirs()
  const closeAfter = useClosers()
  return {
    closeAfter,
    /** A fresh folder for the test's own files, removed after it. */
    tempDir,
    async start(options: Partial<EngineOptions> = {}): Promise<TestEngine> {
      const t = await startTestEngine(tempDir(), options)
      closeAfter(() => t.engine.close())
      return t
    }
  }
}
