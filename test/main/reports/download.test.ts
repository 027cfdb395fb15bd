import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startApiServer } from '../../../src/main/headless/apiServer'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { seedCampaign } from './seedCampaign'

const tempDir = useTempDirs()
let open: TestEngine | null = null
let server: Server | null = null
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r))
  server = null
  await open?.engine.close()
  open = null
})

describe('browser downloads (headless)', () => {
  it('streams a prepared export once, as an attachment, then forgets it', async () => {
    const dir = tempDir()
    open = await startTestEngine(join(dir, 'data'))
    const { campaignId } = seedCampaign(open.engine.db, {
      recipients: 40,
      campaignName: 'Diwali offer'
    })
    open.engine.services.users.bootstrap('secret-token')
    const api = await startApiServer({
      engine: open.engine,
      port: 0,
      rendererDir: dir
    })
    server = api.server
    const base = `http://127.0.0.1:${api.port}`
    const prepare = await fetch(`${base}/api/reports.prepareDownload`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' },
      body: JSON.stringify({ campaignId, format: 'csv', kind: 'recipients' })
    })
    expect(prepare.status).toBe(200)
    const ready = (await prepare.json()) as { token: string; fileName: string; bytes: number }
    expect(ready.fileName).toBe('diwali-offer-recipients.csv')

    const unprepared = await fetch(`${base}/api/reports.prepareDownload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ campaignId, format: 'csv' })
    })
    expect(unprepared.status).toBe(401)

    const first = await fetch(`${base}/api/download/${ready.token}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-disposition')).toBe(
      'attachment; filename="diwali-offer-recipients.csv"'
    )
    const body = Buffer.from(await first.arrayBuffer())
    expect(body.length).toBe(ready.bytes)
    const text = body.toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.trim().split('\n')).toHaveLength(41)

    expect((await fetch(`${base}/api/download/${ready.token}`)).status).toBe(404)
    expect((await fetch(`${base}/api/download/not-a-token`)).status).toBe(404)
    await new Promise((r) => setTimeout(r, 50))
    expect(() => readFileSync(join(dir, 'data', 'downloads', `${ready.token}.csv`))).toThrow()
  })

  it('has no save dialog without the desktop shell', async () => {
    const dir = tempDir()
    open = await startTestEngine(join(dir, 'data'))
    const r = await open.engine.invoke('reports.chooseSavePath', {
      defaultName: 'x.csv',
      format: 'csv'
    })
    expect(r.ok ? 'ok' : r.error.code).toBe('unavailable')
  })

  it('desktop: writes only where the save dialog said, once per choice', async () => {
    const dir = tempDir()
    const chosen = join(dir, 'chosen.csv')
    const asked: string[] = []
    open = await startTestEngine(join(dir, 'data'), {
      transport: 'electron',
      saveDialog: async (defaultName) => {
        asked.push(defaultName)
        return chosen
      }
    })
    const { campaignId } = seedCampaign(open.engine.db, { recipients: 10 })
    const what = { campaignId, format: 'csv' as const, kind: 'summary' as const }
    const before = await open.engine.invoke('reports.export', { ...what, path: chosen })
    expect(before.ok ? 'ok' : before.error.code).toBe('invalid_input')
    const picked = await open.call('reports.chooseSavePath', {
      defaultName: 'diwali-summary.csv',
      format: 'csv'
    })
    expect(picked.path).toBe(chosen)
    expect(asked).toEqual(['diwali-summary.csv'])
    const elsewhere = await open.engine.invoke('reports.export', {
      ...what,
      path: join(dir, 'elsewhere.csv')
    })
    expect(elsewhere.ok).toBe(false)
    expect((await open.call('reports.export', { ...what, path: chosen })).path).toBe(chosen)
    const again = await open.engine.invoke('reports.export', { ...what, path: chosen })
    expect(again.ok).toBe(false)
  })
})
