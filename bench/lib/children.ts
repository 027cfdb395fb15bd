import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'

/**
 * Node flags for the `serve` child (not the inline `-e` fakes), to profile the engine under a
 * bench: `BENCH_SERVE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` (NODE_OPTIONS refuses
 * `--cpu-prof`).
 */
const SERVE_NODE_ARGS = (process.env.BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean)

/**
 * `serve` answers no call without a bearer token (issue #22): the bench's serve children run with
 * this one as their TICKBOARD_API_TOKEN admin, and the benches send it with every API call.
 */
const BENCH_API_TOKEN = randomBytes(32).toString('base64url')
export const benchApiHeaders = { authorization: `Bearer ${BENCH_API_TOKEN}` }

/**
 * Starts a node process and resolves once it printed its `hooks:` line (and `api:` unless it is
 * an inline `-e` script): the ready lines of `serve`, parsed into a record.
 */
export function startChild(
  args: string[]
): Promise<{ child: ChildProcess; lines: Record<string, string> }> {
  const nodeArgs = args[0] === '-e' ? [] : SERVE_NODE_ARGS
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    env: { ...process.env, TICKBOARD_API_TOKEN: BENCH_API_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 30_000)
    const check = (d: Buffer): void => {
      out += d.toString()
      const lines = Object.fromEntries(
        [...out.matchAll(/^(\w+): (\S+)$/gm)].map((m) => [m[1]!, m[2]!])
      )
      if (lines.hooks && (args[0] === '-e' || lines.api)) {
        clearTimeout(timer)
        resolve({ child, lines })
      }
    }
    child.stdout!.on('data', check)
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)))
  })
}

/** SIGTERM, then SIGKILL after 10 s; resolves when every child has exited. */
export async function stopChildren(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const timer = setTimeout(() => {
            child.kill('SIGKILL')
            resolve()
          }, 10_000)
          child.once('exit', () => {
            clearTimeout(timer)
            resolve()
          })
          child.kill('SIGTERM')
        })
    )
  )
}
