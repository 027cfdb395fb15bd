import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

/**
 * A stand-in for systemd, for the tests of deploy/tickboard.service: PID 1 on the test machine
 * is not systemd, so `systemctl` cannot run the unit. This reads the unit file and applies the
 * directives the service's behaviour depends on, exactly as systemd.service(5) and
 * systemd.exec(5) define them: EnvironmentFile= and Environment= (the environment, and `${VAR}`
 * in ExecStart expanded to exactly one word), WorkingDirectory= (mapped to the checkout),
 * ExecStart= and ExecStartPost= (started means the post command succeeded), Restart=always with
 * RestartSec= and RestartPreventExitStatus=, and stop as KillSignal= then SIGKILL after
 * TimeoutStopSec=. The sandboxing directives (User=, ProtectSystem=, …) are not applied here;
 * `systemd-analyze verify` checks them statically.
 */
export type Unit = Record<string, Record<string, string[]>>

export function readUnit(file: string): Unit {
  const unit: Unit = {}
  let section = ''
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith(';')) continue
    const header = /^\[(.+)\]$/.exec(line)
    if (header) {
      section = header[1]!
      unit[section] ??= {}
      continue
    }
    const eq = line.indexOf('=')
    const key = line.slice(0, eq).trim()
    const values = (unit[section]![key] ??= [])
    values.push(line.slice(eq + 1).trim())
  }
  return unit
}

/** `KEY=VALUE` lines (comments and blank lines skipped), as systemd reads an EnvironmentFile. */
export function readEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith(';')) continue
    const eq = line.indexOf('=')
    env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  return env
}

/** A command line as systemd splits it: words on spaces, `${VAR}` replaced by one word. */
export function commandLine(line: string, env: Record<string, string>): string[] {
  return line
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => env[name] ?? '')
    )
}

const one = (unit: Unit, key: string): string => {
  const value = unit.Service?.[key]?.at(-1)
  if (value === undefined) throw new Error(`the unit has no ${key}=`)
  return value
}

/** systemd time spans as the unit writes them: `30`, `30s`, `2min`, `500ms`. */
export function seconds(span: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m)?$/.exec(span)
  if (!m) throw new Error(`time span ${span} is not understood here`)
  const n = Number(m[1])
  return m[2] === 'ms' ? n / 1000 : m[2] === 'min' || m[2] === 'm' ? n * 60 : n
}

export interface Run {
  child: ChildProcess
  output: string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export interface Supervised {
  runs: Run[]
  current(): Run
  /** Resolves when a new run has started and its ExecStartPost succeeded. */
  started(afterRuns: number): Promise<Run>
  /** `systemctl stop`: KillSignal, SIGKILL after TimeoutStopSec; how it ended and how long. */
  stop(): Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    ms: number
    killed: boolean
  }>
  /** `systemctl restart`: stop, then start. */
  restart(): Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    ms: number
    killed: boolean
  }>
}

export function supervise(
  unit: Unit,
  options: { env: Record<string, string>; cwd: string; log?: (line: string) => void }
): Supervised {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...options.env }
  for (const assignment of unit.Service?.Environment ?? []) {
    const eq = assignment.indexOf('=')
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1)
  }
  const start = commandLine(one(unit, 'ExecStart'), env)
  const post = unit.Service?.ExecStartPost?.map((line) => commandLine(line, env)) ?? []
  const restartSec = seconds(one(unit, 'RestartSec'))
  const stopTimeout = seconds(one(unit, 'TimeoutStopSec'))
  const killSignal = one(unit, 'KillSignal') as NodeJS.Signals
  const preventExit = new Set(
    (unit.Service?.RestartPreventExitStatus ?? []).flatMap((v) => v.split(/\s+/)).map(Number)
  )
  if (one(unit, 'Restart') !== 'always') throw new Error('this stand-in applies Restart=always')
  const runs: Run[] = []
  const ready: Run[] = []
  const waiters: { after: number; resolve(run: Run): void }[] = []
  let stopping = false

  function launch(): void {
    const child = spawn(start[0]!, start.slice(1), {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const run: Run = {
      child,
      output: '',
      exit: new Promise((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal }))
      )
    }
    child.stdout!.on('data', (d: Buffer) => (run.output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (run.output += d.toString()))
    runs.push(run)
    void run.exit.then(({ code, signal }) => {
      options.log?.(`run ${runs.indexOf(run) + 1} ended: code ${code}, signal ${signal}`)
      if (stopping || (code !== null && preventExit.has(code))) return
      setTimeout(launch, restartSec * 1000)
    })
    void runPost(run)
  }

  async function runPost(run: Run): Promise<void> {
    for (const command of post) {
      const code = await new Promise<number | null>((resolve) => {
        const p = spawn(command[0]!, command.slice(1), { cwd: options.cwd, env, stdio: 'ignore' })
        p.once('exit', (c) => resolve(c))
      })
      if (code !== 0) {
        // A failed ExecStartPost fails the start: systemd stops the unit (then may restart it).
        options.log?.(`ExecStartPost ${command.join(' ')} exited ${code}`)
        run.child.kill(killSignal)
        return
      }
    }
    ready.push(run)
    for (const w of waiters.splice(0)) {
      if (runs.indexOf(run) + 1 > w.after) w.resolve(run)
      else waiters.push(w)
    }
  }

  async function stop() {
    stopping = true
    const run = runs.at(-1)!
    const began = Date.now()
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      const ended = await run.exit
      return { ...ended, ms: 0, killed: false }
    }
    run.child.kill(killSignal)
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      run.child.kill('SIGKILL')
    }, stopTimeout * 1000)
    const ended = await run.exit
    clearTimeout(timer)
    return { ...ended, ms: Date.now() - began, killed }
  }

  launch()
  return {
    runs,
    current: () => runs.at(-1)!,
    started: (after) =>
      new Promise((resolve, reject) => {
        const found = ready.find((run) => runs.indexOf(run) + 1 > after)
        if (found) return resolve(found)
        const timer = setTimeout(
          () => reject(new Error(`no run after ${after} became healthy in 60 s`)),
          60_000
        )
        waiters.push({
          after,
          resolve: (run) => {
            clearTimeout(timer)
            resolve(run)
          }
        })
      }),
    stop,
    async restart() {
      const ended = await stop()
      stopping = false
      launch()
      return ended
    }
  }
}
