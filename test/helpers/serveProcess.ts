import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

export interface ServeProcess {
  child: ChildProcess
  api: string
  hooks: string
  ui: string
  /** The admin's token: TICKBOARD_API_TOKEN, else the one a first start printed, else null. */
  token: string | null
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

const SERVE = resolve('out/main/serve.js')

/** Starts the built headless engine (`out/main/serve.js`) and waits for its three ready lines. */
export async function startServe(
  args: string[],
  env: Record<string, string> = {}
): Promise<ServeProcess> {
  if (!existsSync(SERVE))
    throw new Error('out/main/serve.js is missing: run `npm run build:app` (npm test does)')
  const child = spawn(process.execPath, [SERVE, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const lines = await new Promise<Record<string, string>>((resolveLines, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start in 20 s:\n${out}`)),
      20_000
    )
    const check = (): void => {
      const found = Object.fromEntries(
        [...out.matchAll(/^(api|hooks|ui): (\S+)$/gm)].map((m) => [m[1]!, m[2]!])
      )
      if (found.api && found.hooks && found.ui) {
        clearTimeout(timer)
        resolveLines(found)
      }
    }
    child.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}:\n${out}`))
    })
  })
  return {
    child,
    api: lines.api!,
    hooks: lines.hooks!,
    ui: lines.ui!,
    token: env.TICKBOARD_API_TOKEN ?? /^admin token: (\S+)$/m.exec(out)?.[1] ?? null,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill(signal)
      return exited
    }
  }
}
