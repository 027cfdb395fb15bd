import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contactsCsv } from '../main/dispatch/helpers'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

/** `serve` as a team server runs it (deploy/tickboard.service): shutdown, public URL, host. */
describe('serve as an always-on team server', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  afterEach(async () => {
    await serve?.stop('SIGKILL')
    serve = null
  })

  // The admin of every start on a data dir (a first start without it would print a new one).
  const admin = { TICKBOARD_API_TOKEN: 'team-server-admin-token' }
  const post = (route: string, body: unknown) =>
    fetch(`${serve!.api}/api/${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.TICKBOARD_API_TOKEN}`
      },
      body: JSON.stringify(body)
    })

  it('SIGTERM answers the call in progress, ends the event stream, closes the data file, exits 0', async () => {
    const dir = tempDir()
    serve = await startServe(['--data-dir', dir, '--no-demo'], admin)
    const events = await fetch(`${serve.api}/api/events`, {
      headers: { authorization: `Bearer ${admin.TICKBOARD_API_TOKEN}` }
    })
    const stream = events.body!.getReader()
    // A large import is still running when the signal comes.
    const importing = post('contacts.import', { csv: contactsCsv(100_000) }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as { imported: number },
      at: Date.now()
    }))
    await new Promise((r) => setTimeout(r, 600))
    const signalledAt = Date.now()
    const exited = serve.stop('SIGTERM')
    const answer = await importing
    expect(answer.at).toBeGreaterThan(signalledAt)
    expect(answer.status).toBe(200)
    expect(answer.body.imported).toBe(100_000)
    expect(await exited).toBe(0)
    // The event stream ended instead of hanging (the client reconnects to the next process).
    for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read());
    const output = serve.output()
    expect(output.indexOf('SIGTERM: shutting down')).toBeLessThan(
      output.indexOf('SIGTERM: stopped cleanly')
    )
    expect(output).not.toMatch(/cut API calls/)
    // Closed cleanly: the WAL is checkpointed into the file and no open marker is left behind.
    const wal = join(dir, 'tickboard.sqlite-wal')
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
    expect(readdirSync(dir).filter((f) => f.includes('.open-'))).toEqual([])
    // New connections were refused from the signal on.
    await expect(fetch(`${serve.api}/api/health`)).rejects.toThrow()
  }, 60_000)

  it('--public-url: callback URLs on it, no tunnel (not even one switched on before)', async () => {
    const dir = tempDir()
    // A tunnel the operator switched on earlier (its server unreachable, so it keeps trying).
    serve = await startServe(['--data-dir', dir, '--no-demo'], admin)
    const on = await post('tunnel.start', { host: 'http://127.0.0.1:9' })
    expect(on.status).toBe(200)
    expect(await serve.stop('SIGTERM')).toBe(0)

    const publicUrl = 'https://tickboard.example.com'
    serve = await startServe(['--data-dir', dir, '--no-demo', '--public-url', publicUrl], admin)
    const status = (await (await post('tunnel.status', {})).json()) as { state: string }
    expect(status.state).toBe('off')
    expect(serve.output()).toContain(
      `tunnel: not started, callbacks arrive at --public-url ${publicUrl}`
    )
    const refused = await post('tunnel.start', {})
    expect(refused.status).toBe(503)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      `This engine has a fixed public URL (${publicUrl}): providers send callbacks there, so no tunnel is started`
    )
    const created = await post('providers.create', { type: 'sandbox', name: 'Sandbox', config: {} })
    const provider = (await created.json()) as { callbackPath: string; callbackUrl: string }
    expect(provider.callbackUrl).toBe(`${publicUrl}${provider.callbackPath}`)
  }, 60_000)

  it('binds loopback only: --host 0.0.0.0 is refused with the reason, ::1 is served', async () => {
    await expect(
      startServe(['--data-dir', tempDir(), '--host', '0.0.0.0', '--no-demo'])
    ).rejects.toThrow(
      /exited with 2[\s\S]*--host must be a loopback address \(127\.0\.0\.1 or ::1\)/
    )
    serve = await startServe(['--data-dir', tempDir(), '--host', '::1', '--no-demo'])
    expect(serve.api).toMatch(/^http:\/\/\[::1\]:\d+$/)
    expect(serve.hooks).toMatch(/^http:\/\/\[::1\]:\d+$/)
    const health = await fetch(`${serve.api}/api/health`)
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true)
  }, 60_000)

  it('under systemd (stdout to the journal) the ui line leaves the token out', async () => {
    const token = 'c'.repeat(64)
    serve = await startServe(['--data-dir', tempDir(), '--no-demo'], {
      TICKBOARD_API_TOKEN: token,
      JOURNAL_STREAM: '8:41781'
    })
    expect(serve.ui).toBe(`${serve.api}/`)
    expect(serve.output()).not.toContain(token)
  }, 60_000)
})
