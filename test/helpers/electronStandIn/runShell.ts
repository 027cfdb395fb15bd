import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const REGISTER = resolve('test/helpers/electronStandIn/register.mjs')
const NODE_BINDING = resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node')

export type Entry = { what: string } & Record<string, unknown>

/**
 * Runs the built desktop shell (`out/main/index.js`) under Node with the recording `electron`
 * stand-in of this folder, until it exits; returns its exit code and what the stand-in recorded.
 */
export async function runShell(
  tempDir: () => string,
  options: {
    keychain?: 'ok' | 'none' | 'basic_text'
    lock?: 'taken'
    packaged?: boolean
    /** The save dialog's answer: the operator's chosen file (the session then exports there). */
    savePath?: string
    /** The session launches a small Sandbox campaign and waits for the blocker to come and go. */
    send?: boolean
    /** What `process.platform` says in the shell (login items exist on darwin and win32 only). */
    platform?: string
    prepare?: (home: string) => void
    /** Reuse a home folder (the app's user data) of an earlier run. */
    home?: string
    /** More environment for the stand-in (a team session's server and token). */
    env?: Record<string, string>
    /** Killed after this long (default 45 s). */
    timeoutMs?: number
  }
): Promise<{ code: number | null; log: Entry[]; output: string; home: string }> {
  if (!existsSync('out/main/index.js')) throw new Error('run `npm run build:app` first')
  const home = options.home ?? tempDir()
  const appPath = tempDir()
  const resources = tempDir()
  // The engine child is plain Node here, so the "Electron-ABI" binding it is given is Node's own.
  mkdirSync(join(appPath, 'build/native/electron'), { recursive: true })
  copyFileSync(NODE_BINDING, join(appPath, 'build/native/electron/better_sqlite3.node'))
  mkdirSync(join(resources, 'native'))
  copyFileSync(NODE_BINDING, join(resources, 'native/better_sqlite3.node'))
  options.prepare?.(home)
  const logFile = join(home, 'standin.log')
  writeFileSync(logFile, '')
  const child = spawn(process.execPath, ['--import', REGISTER, resolve('out/main/index.js')], {
    env: {
      ...process.env,
      TICKBOARD_SECRET_KEY: '',
      ELECTRON_RENDERER_URL: '',
      STANDIN_LOG: logFile,
      STANDIN_HOME: home,
      STANDIN_APP_PATH: appPath,
      STANDIN_RESOURCES: resources,
      STANDIN_KEYCHAIN: options.keychain ?? 'ok',
      STANDIN_LOCK: options.lock ?? '',
      STANDIN_SAVE_PATH: options.savePath ?? '',
      STANDIN_PACKAGED: options.packaged ? '1' : '0',
      STANDIN_SEND: options.send ? '1' : '0',
      STANDIN_PLATFORM: options.platform ?? '',
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000)
    child.once('exit', (c) => {
      clearTimeout(timer)
      done(c)
    })
  })
  const log = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry)
  return { code, log, output, home }
}

export const indexOf = (log: Entry[], what: string): number => log.findIndex((e) => e.what === what)
export const find = (log: Entry[], what: string): Entry => {
  const entry = log.find((e) => e.what === what)
  if (!entry) throw new Error(`no ${what} in ${JSON.stringify(log.map((e) => e.what))}`)
  return entry
}
