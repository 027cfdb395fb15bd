import { rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../src/main/headless/apiServer'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { seedCampaign } from '../reports/seedCampaign'

/**
 * A prepared download whose file vanished (deleted by hand, a second engine on the same data dir)
 * must fail that one request, not raise an unhandled stream 'error' that crashes `serve`.
 */
describe('browser download of a vanished file', () => {
  const tempDir = useTempDirs()
  let open: TestEngine | null = null
  let server: Server | null = null
  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r))
    server = null
    await open?.engine.close()
    open = null
  })

  it('ends the one response and keeps the API serving', async () => {
    const dir = tempDir()
    open = await startTestEngine(join(dir, 'data'))
    const { campaignId } = seedCampaign(open.engine.db, { recipients: 20 })
    const api = await startApiServer({ engine: open.engine, port: 0, rendererDir: dir })
    server = api.server
    const base = `http://127.0.0.1:${api.port}`
    const prepared = await open.call('reports.prepareDownload', { campaignId, format: 'csv' })
    rmSync(join(dir, 'data', 'downloads'), { recursive: true, force: true })
    const failed = await fetch(`${base}/api/download/${prepared.token}`)
      .then((r) => r.text())
      .then(
        () => 'completed',
        () => 'aborted'
      )
    expect(['aborted', 'completed']).toContain(failed)
    const health = await fetch(`${base}/api/health`)
    expect(health.status).toBe(200)
  })
})
