import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { find, indexOf, runShell, type Entry } from '../helpers/electronStandIn/runShell'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

/**
 * The desktop app as a team server's client (issue #22): the built shell under the recording
 * `electron` stand-in, connected to a real `serve` on 127.0.0.1 (HTTP here; HTTPS is the
 * deployment's proxy). The stand-in's session is in electron.mjs (`teamSession`).
 */
const tempDir = useTempDirs()
const TOKEN = 'f'.repeat(64)
let serve: ServeProcess | null = null
afterEach(async () => {
  await serve?.stop('SIGTERM')
  serve = null
})

type Answer = { ok: boolean; data?: unknown; error?: { code: string; message: string } }
const results = (log: Entry[], what: string) =>
  log.filter((e) => e.what === what).map((e) => e.result as Answer)

async function readLog(file: string): Promise<Entry[]> {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry)
}

async function logShows(file: string, what: string): Promise<void> {
  const until = Date.now() + 60_000
  while (!(await readLog(file)).some((e) => e.what === what) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100))
}

describe('Settings → Connect to a team server (built shell, electron stand-in, real serve)', () => {
  it('talks to the server with the same contract, says when it is gone, recovers, keeps the token sealed', async () => {
    const dataDir = tempDir()
    serve = await startServe(['--data-dir', dataDir, '--no-demo'], { TICKBOARD_API_TOKEN: TOKEN })
    const url = serve.api
    const port = new URL(url).port
    const home = tempDir()
    const env = { STANDIN_TEAM: 'connect', STANDIN_TEAM_URL: url, STANDIN_TEAM_TOKEN: TOKEN }
    // The save dialog answers a file that exists: the operator confirmed "replace?".
    const savePath = join(tempDir(), 'from the server.csv')
    writeFileSync(savePath, 'last month')
    const running = runShell(tempDir, { home, env, savePath, timeoutMs: 120_000 })

    // The test plays the server's outage when the session is ready for it.
    const logFile = join(home, 'standin.log')
    await logShows(logFile, 'team.outage.ready')
    await serve.stop('SIGTERM')
    writeFileSync(join(home, 'server-stopped'), '')
    await logShows(logFile, 'team.outage.seen')
    serve = await startServe(['--data-dir', dataDir, '--no-demo', '--port', port], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    writeFileSync(join(home, 'server-back'), '')
    const { code, log, output } = await running
    expect(code, output).toBe(0)

    // Before connecting: the local engine, started in its utility process.
    expect(results(log, 'invoke.team.status')[0]).toMatchObject({
      ok: true,
      data: { mode: 'local', state: 'local' }
    })
    expect(indexOf(log, 'utilityProcess.fork')).toBeGreaterThan(-1)
    // Plain http to another computer is refused with the reason; a wrong token too.
    expect(find(log, 'team.plainHttp').result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/use https:\/\/tickboard\.example\.com:8080/)
      }
    })
    expect(find(log, 'team.wrongToken').result).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: `${url} does not accept this token: copy it again` }
    })
    const connected = results(log, 'invoke.team.connect')[0]!
    expect(connected, JSON.stringify(connected)).toMatchObject({
      ok: true,
      data: { mode: 'remote', url, state: 'connected', reason: null, tokenKept: true }
    })
    // Who is signed in: the server's users.me for this token (the bootstrap admin here).
    expect((connected.data as { user: unknown }).user).toMatchObject({
      name: 'Admin (TICKBOARD_API_TOKEN)',
      role: 'admin'
    })
    // The local engine was closed (exit 0), not left running beside the server, and the window
    // reloaded onto the server's data.
    expect(find(log, 'utility.exit').code).toBe(0)
    expect(indexOf(log, 'utility.exit')).toBeLessThan(indexOf(log, 'invoke.team.connect'))
    expect(log.filter((e) => e.what === 'utilityProcess.fork')).toHaveLength(1)
    expect(indexOf(log, 'webContents.reload')).toBeGreaterThan(indexOf(log, 'team.wrongToken'))

    // The same contract, answered by the server: its data folder, its contacts, its events.
    expect(results(log, 'invoke.system.info')[0]).toMatchObject({
      ok: true,
      data: { transport: 'http', dataDir }
    })
    expect(results(log, 'invoke.contacts.import')[0]).toMatchObject({
      ok: true,
      data: { imported: 1 }
    })
    expect(log.some((e) => e.what === 'webContents.send' && e.name === 'import.progress')).toBe(
      true
    )

    // An export: made by the server, saved through this computer's dialog where it answered.
    expect(results(log, 'invoke.reports.chooseSavePath')[0]).toEqual({
      ok: true,
      data: { path: savePath, replaces: true }
    })
    const exported = results(log, 'invoke.reports.export')[0]!
    expect(exported, JSON.stringify(exported)).toMatchObject({ ok: true, data: { path: savePath } })
    expect(readFileSync(savePath, 'utf8')).toMatch(/^\uFEFFstat,label,value,definition/)
    expect(existsSync(`${savePath}.part`)).toBe(false)

    // The server went away: calls say so, and so does the window's connection state.
    const during = results(log, 'invoke.contacts.list')[0]!
    expect(during).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(during.error?.message).toMatch(
      new RegExp(
        `^The team server ${url.replace(/[.]/g, '\\.')} cannot be reached \\(ECONNREFUSED\\); Tickboard keeps trying\\.$`
      )
    )
    expect(find(log, 'team.outage.seen').said).toBe(true)
    // It came back on the same address: calls and events resume without reconnecting by hand.
    const recovered = find(log, 'team.recovered')
    expect(recovered.result).toMatchObject({ ok: true, data: { total: 1 } })
    expect(recovered.said).toBe(true)
    const states = log
      .filter((e) => e.what === 'webContents.send' && e.name === 'team.connection')
      .map((e) => (e.payload as { state: string }).state)
    expect(states).toEqual(expect.arrayContaining(['connected', 'unreachable']))
    expect(states.at(-1)).toBe('connected')

    // The token is kept sealed by the OS keychain, never in clear on disk.
    expect(log.filter((e) => e.what === 'safeStorage.encryptString').length).toBeGreaterThan(0)
    const saved = readFileSync(join(home, 'userData/team-server.json'), 'utf8')
    expect(saved).not.toContain(TOKEN)
    expect(JSON.parse(saved)).toEqual({ url, sealedToken: expect.any(String) })

    // The next start goes straight to the server: no local engine; Disconnect starts it again.
    const next = await runShell(tempDir, { home, env: { ...env, STANDIN_TEAM: 'saved' } })
    expect(next.code, next.output).toBe(0)
    expect(results(next.log, 'invoke.team.status')[0]).toMatchObject({
      ok: true,
      data: { mode: 'remote', url, state: 'connected', tokenKept: true }
    })
    expect(find(next.log, 'safeStorage.decryptString')).toBeTruthy()
    const [remoteInfo, localInfo] = results(next.log, 'invoke.system.info')
    expect(remoteInfo).toMatchObject({ ok: true, data: { transport: 'http', dataDir } })
    expect(results(next.log, 'invoke.contacts.list')[0]).toMatchObject({
      ok: true,
      data: { total: 1 }
    })
    const fork = indexOf(next.log, 'utilityProcess.fork')
    expect(fork).toBeGreaterThan(indexOf(next.log, 'invoke.contacts.list'))
    expect(results(next.log, 'invoke.team.disconnect')[0]).toMatchObject({
      ok: true,
      data: { mode: 'local', state: 'local', url: null }
    })
    expect(localInfo).toMatchObject({ ok: true, data: { transport: 'electron' } })
    expect(existsSync(join(home, 'userData/team-server.json'))).toBe(false)
  }, 240_000)
})
