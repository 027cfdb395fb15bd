import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostServices } from '../../../src/main/bridge/hostApi'
import { SEALED_KEY_FILE } from '../../../src/main/bridge/desktopSecrets'
import { childLink } from '../../../src/main/bridge/link'
import { startRemoteEngine, type RemoteEngine } from '../../../src/main/bridge/remoteEngine'
import { createChromiumPrinter } from '../../../src/main/reports/pdf/chromiumPrinter'
import { findChromium } from '../../../src/main/system/systemTools.mjs'
import { useTempDirs } from '../../helpers/tempDir'

/**
 * The forwarding layer with a real engine process: `out/main/engine.js` forked by Node stands in
 * for Electron's utilityProcess (same entry, same `serveEngine`; only the carrier differs: the
 * child's IPC channel instead of a MessagePort). The main side is the real `startRemoteEngine`.
 */
const ENTRY = resolve('out/main/engine.js')
const RENDERER = resolve('out/renderer')
const tempDir = useTempDirs()
const running: { child: ChildProcess; engine?: RemoteEngine }[] = []

afterEach(async () => {
  for (const { child, engine } of running.splice(0)) {
    await engine?.close(5000)
    if (child.exitCode === null) child.kill('SIGKILL')
  }
})

/** A keychain stand-in: seals by XOR with a fixed pad (reversible, not plain text), or absent. */
function host(options: { keychain: boolean; savePath?: string }) {
  const calls: string[] = []
  const pad = (data: Uint8Array): Buffer => Buffer.from(data.map((b, i) => b ^ ((0x5a + i) % 256)))
  const printer = createChromiumPrinter(findChromium(process.env))
  const services: HostServices = {
    keychain: async () => (
      calls.push('keychain'),
      { available: options.keychain, backend: 'stand-in' }
    ),
    sealKey: async (plain) => {
      calls.push('sealKey')
      return options.keychain ? pad(Buffer.from(plain)) : null
    },
    openKey: async (sealed) => {
      calls.push('openKey')
      return options.keychain ? pad(sealed).toString() : null
    },
    saveDialog: async (name, format) => (
      calls.push(`saveDialog ${name} ${format}`),
      options.savePath ?? null
    ),
    printPdf: async (job) => (calls.push('printPdf'), printer.print(job)),
    loginItem: async (openAtLogin) => (
      calls.push(`loginItem:${String(openAtLogin)}`),
      { supported: false, openAtLogin: false }
    )
  }
  return { services, calls }
}

function forkEngine(): ChildProcess {
  if (!existsSync(ENTRY)) throw new Error('out/main/engine.js is missing: run `npm run build:app`')
  const child = fork(ENTRY, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, TICKBOARD_SECRET_KEY: '' }
  })
  child.stderr!.resume()
  child.stdout!.resume()
  return child
}

async function start(dataDir: string, services: HostServices, seedDemo = true) {
  const child = forkEngine()
  const entry: { child: ChildProcess; engine?: RemoteEngine } = { child }
  running.push(entry)
  const engine = await startRemoteEngine(
    childLink(child),
    { dataDir, publicUrl: null, seedDemo, hooksPort: 0, rendererDir: RENDERER },
    services
  )
  entry.engine = engine
  return { child, engine }
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)))

describe('the contract forwarded to an engine process', () => {
  it('answers invoke with the unchanged invoker, forwards events, closes the child cleanly', async () => {
    const dir = tempDir()
    const { child, engine } = await start(dir, host({ keychain: true }).services)
    expect(child.pid).not.toBe(process.pid)

    const info = await engine.invoke('system.info', {})
    expect(info).toMatchObject({ ok: true, data: { transport: 'electron', dataDir: dir } })
    expect(await engine.invoke('no.such.route', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_route' }
    })
    expect(await engine.invoke('contacts.import', { csv: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })

    const events: { name: string; payload: unknown }[] = []
    const unsubscribe = engine.subscribe((name, payload) => events.push({ name, payload }))
    const imported = await engine.invoke('contacts.import', {
      csv: 'phone,name\n+919812345678,Asha\n+919812345679,Ravi\n',
      defaultCountry: 'IN'
    })
    expect(imported).toMatchObject({ ok: true, data: { imported: 2 } })
    // Events and answers share one ordered channel: the progress event arrived before the answer.
    expect(events.some((e) => e.name === 'import.progress')).toBe(true)
    unsubscribe()

    await engine.close()
    expect(await exited(child)).toBe(0)
    expect(await engine.invoke('system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
  })

  it('seals the credentials key with the keychain once, and reopens it on the next start', async () => {
    const dir = tempDir()
    const first = host({ keychain: true })
    const a = await start(dir, first.services)
    expect(first.calls).toEqual(['keychain', 'sealKey'])
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(true)
    expect(existsSync(join(dir, 'secret.key'))).toBe(false)
    const created = await a.engine.invoke('providers.create', {
      type: 'twilio',
      name: 'Twilio main',
      config: {
        accountSid: 'AC' + '1'.repeat(32),
        authToken: 'tok-secret-98765',
        from: '+14155550100'
      }
    })
    expect(created).toMatchObject({ ok: true })
    const info = await a.engine.invoke('system.info', {})
    expect(info).toMatchObject({ ok: true, data: { credentials: { notice: null } } })
    await a.engine.close()
    await exited(a.child)

    const second = host({ keychain: true })
    const b = await start(dir, second.services)
    expect(second.calls).toEqual(['keychain', 'openKey'])
    const listed = (await b.engine.invoke('providers.list', {})) as {
      ok: true
      data: { providers: { name: string; config: Record<string, unknown> }[] }
    }
    const twilio = listed.data.providers.find((p) => p.name === 'Twilio main')
    // Decrypted with the reopened key, then masked for the answer.
    expect(twilio?.config.authToken).toBe('••••8765')
  })

  it('without a keychain keeps working on a 0600 key file and says so in system.info', async () => {
    const dir = tempDir()
    const { engine } = await start(dir, host({ keychain: false }).services)
    const info = (await engine.invoke('system.info', {})) as {
      ok: true
      data: { credentials: { storage: string; notice: string | null } }
    }
    expect(info.data.credentials.storage).toMatch(/key file/)
    expect(info.data.credentials.notice).toMatch(/No OS keychain.*secret\.key/)
    expect(readFileSync(join(dir, 'secret.key')).length).toBe(32)
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(false)
    expect(
      await engine.invoke('providers.create', {
        type: 'twilio',
        name: 'Twilio',
        config: {
          accountSid: 'AC' + '2'.repeat(32),
          authToken: 'another-secret',
          from: '+14155550101'
        }
      })
    ).toMatchObject({ ok: true })
  })

  it('sends the save dialog and PDF printing to the main process as requests', async () => {
    const dir = tempDir()
    const out = join(tempDir(), 'report.pdf')
    const demo = execFileSync(
      process.execPath,
      [resolve('out/main/demo.js'), '--data-dir', dir, '--recipients', '300'],
      { encoding: 'utf8' }
    )
    const campaignId = demo.trim().split('\n').at(-1)!
    const h = host({ keychain: true, savePath: out })
    const { engine } = await start(dir, h.services, false)

    const chosen = await engine.invoke('reports.chooseSavePath', {
      defaultName: 'report.pdf',
      format: 'pdf'
    })
    expect(chosen).toEqual({ ok: true, data: { path: out, replaces: false } })
    const exported = await engine.invoke('reports.export', { campaignId, format: 'pdf', path: out })
    expect(exported).toMatchObject({ ok: true, data: { path: out } })
    expect(h.calls).toContain('saveDialog report.pdf pdf')
    expect(h.calls).toContain('printPdf')
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('a crashed engine answers unavailable instead of leaving calls hanging', async () => {
    const { child, engine } = await start(tempDir(), host({ keychain: true }).services)
    let gone = false
    engine.onGone(() => (gone = true))
    child.kill('SIGKILL')
    await exited(child)
    expect(await engine.invoke('system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/not running/) }
    })
    expect(gone).toBe(true)
  })

  it('a start failure reaches the main process as the engine’s own one-line reason', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'tickboard.sqlite'), 'this is not a database, just text'.repeat(200))
    const child = forkEngine()
    running.push({ child })
    await expect(
      startRemoteEngine(
        childLink(child),
        { dataDir: dir, publicUrl: null, seedDemo: true, hooksPort: 0, rendererDir: RENDERER },
        host({ keychain: true }).services
      )
    ).rejects.toThrow(/not a Tickboard|not a SQLite|damaged/i)
  })
})
