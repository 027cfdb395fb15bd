import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { TeamConnection } from '../../shared/ipc/routes/team'
import { AppError, ErrorCode, type Result } from '../../shared/ipc/errors'
import type { EventListener } from '../kernel/events'
import type { HostServices } from './hostApi'
import { connectHttpEngine, type HttpEngine } from './httpEngine'
import type { EngineApi } from './remoteEngine'
import { remoteExports } from './remoteExports'
import { parseServerUrl } from './serverUrl'

/** The local engine as the shell starts it (a utility process); `close` ends it. */
export interface LocalEngine extends EngineApi {
  close(): Promise<void>
}

/** What `team-server.json` in the app's user-data folder holds: never the token in clear. */
interface Saved {
  url: string
  /** The token sealed by the OS keychain (base64); absent without a keychain. */
  sealedToken?: string
}

type Target = { kind: 'local'; engine: LocalEngine } | { kind: 'remote'; engine: HttpEngine }

/**
 * Which engine the desktop window talks to: the local one, or a team server over HTTPS with the
 * same contract (issue #22). It answers `team.*` itself and passes every other call and event
 * through, so the IPC layer does not know which it is. Only one engine runs: the local one is
 * not started while connected to a server. The token is sealed by the OS keychain (the shell's
 * safeStorage, through `keychain`) before it touches the disk.
 */
export function createTeamClient(deps: {
  file: string
  keychain: Pick<HostServices, 'keychain' | 'sealKey' | 'openKey'>
  startLocal(): Promise<LocalEngine>
  /** This computer's save dialog: exports from the server are saved here. */
  saveDialog: HostServices['saveDialog']
  /** The window shows another engine's data now: the shell reloads it. */
  switched(): void
}) {
  const listeners = new Set<EventListener>()
  let target: Target | null = null
  let unsubscribe: () => void = () => undefined
  let user: TeamConnection['user'] = null
  let tokenKept = false
  let stateless: { url: string; reason: string } | null = null

  function emit(): void {
    for (const listener of listeners) listener('team.connection', status())
  }

  function status(): TeamConnection {
    if (stateless)
      return {
        mode: 'remote',
        url: stateless.url,
        state: 'refused',
        reason: stateless.reason,
        user: null,
        tokenKept
      }
    if (!target || target.kind === 'local')
      return {
        mode: 'local',
        url: null,
        state: 'local',
        reason: null,
        user: null,
        tokenKept: false
      }
    const link = target.engine.linkState()
    return { mode: 'remote', url: target.engine.url, ...link, user, tokenKept }
  }

  function use(next: Target): void {
    unsubscribe()
    target = next
    stateless = null
    unsubscribe = next.engine.subscribe((name, payload) => {
      for (const listener of listeners) listener(name, payload)
    })
    if (next.kind === 'remote')
      next.engine.onLinkState((link) => {
        if (target?.engine !== next.engine) return
        if (link.state === 'connected') void whoAmI(next.engine).then(emit)
        else emit()
      })
  }

  async function whoAmI(engine: HttpEngine): Promise<void> {
    const me = await engine.invoke('users.me', {})
    // A server without users yet (one token) has no users.me: signed in, nobody named.
    user = me.ok ? (me.data as TeamConnection['user']) : null
  }

  async function remote(url: string, token: string): Promise<HttpEngine> {
    const engine = connectHttpEngine({ url, token })
    await whoAmI(engine)
    return engine
  }

  async function closeTarget(): Promise<void> {
    const old = target
    unsubscribe()
    target = null
    if (old?.kind === 'local') await old.engine.close()
    if (old?.kind === 'remote') old.engine.close()
  }

  /** The token must work before anything is switched or kept. */
  async function check(url: string, token: string): Promise<void> {
    const probe = connectHttpEngine({ url, token })
    probe.close()
    const me = await probe.invoke('users.me', {})
    if (me.ok || me.error.code === ErrorCode.unknownRoute) {
      const info = me.ok ? me : await probe.invoke('system.info', {})
      if (info.ok) return
      throw new AppError(info.error.code, info.error.message)
    }
    if (me.error.code === ErrorCode.unauthorized)
      throw new AppError(ErrorCode.unauthorized, `${url} does not accept this token: copy it again`)
    throw new AppError(me.error.code, me.error.message)
  }

  async function connect(input: { url: string; token: string }): Promise<TeamConnection> {
    const url = parseServerUrl(input.url)
    const token = input.token.trim()
    await check(url, token)
    const keychain = await deps.keychain.keychain()
    const sealed = keychain.available ? await deps.keychain.sealKey(token) : null
    const saved: Saved = {
      url,
      ...(sealed ? { sealedToken: Buffer.from(sealed).toString('base64') } : {})
    }
    writeFileSync(deps.file, JSON.stringify(saved), { mode: 0o600 })
    tokenKept = sealed !== null
    await closeTarget()
    use({ kind: 'remote', engine: await remote(url, token) })
    deps.switched()
    emit()
    return status()
  }

  async function disconnect(): Promise<TeamConnection> {
    rmSync(deps.file, { force: true })
    await closeTarget()
    use({ kind: 'local', engine: await deps.startLocal() })
    tokenKept = false
    deps.switched()
    emit()
    return status()
  }

  /** At start: the saved server if there is one (its token opened by the keychain), else local. */
  async function start(): Promise<void> {
    const saved = readSaved(deps.file)
    if (!saved) return use({ kind: 'local', engine: await deps.startLocal() })
    const token = saved.sealedToken
      ? await deps.keychain.openKey(Buffer.from(saved.sealedToken, 'base64')).catch(() => null)
      : null
    tokenKept = token !== null
    if (token) return use({ kind: 'remote', engine: await remote(saved.url, token) })
    stateless = {
      url: saved.url,
      reason: saved.sealedToken
        ? 'The token for this server is sealed by the OS keychain, which is not available now: start the keyring, or connect again with the token.'
        : 'Without an OS keychain the token is not kept between starts: connect again with the token.'
    }
  }

  const shellRoutes: Record<string, (input: unknown) => Promise<TeamConnection> | TeamConnection> =
    {
      'team.status': () => status(),
      'team.connect': (input) => connect(input as { url: string; token: string }),
      'team.disconnect': () => disconnect()
    }

  const api: EngineApi = {
    async invoke(route, input): Promise<Result<unknown>> {
      const own = Object.hasOwn(shellRoutes, route) ? shellRoutes[route] : undefined
      if (own) {
        try {
          return { ok: true, data: await own(input ?? {}) }
        } catch (err) {
          if (err instanceof AppError)
            return { ok: false, error: { code: err.code, message: err.message } }
          return { ok: false, error: { code: ErrorCode.internal, message: (err as Error).message } }
        }
      }
      if (target?.kind === 'remote' && route === 'reports.chooseSavePath')
        return {
          ok: true,
          data: await remoteExports(target.engine, deps.saveDialog).chooseSavePath(
            input as { defaultName: string; format: 'csv' | 'pdf' }
          )
        }
      if (target?.kind === 'remote' && route === 'reports.export')
        return remoteExports(target.engine, deps.saveDialog).export(
          input as Record<string, unknown>
        )
      if (!target)
        return {
          ok: false,
          error: { code: ErrorCode.unavailable, message: status().reason ?? 'No engine is running' }
        }
      return target.engine.invoke(route, input)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }

  return { api, start, status, close: closeTarget }
}
export type TeamClient = ReturnType<typeof createTeamClient>

function readSaved(file: string): Saved | null {
  if (!existsSync(file)) return null
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Saved
    return typeof saved.url === 'string' ? saved : null
  } catch {
    return null
  }
}
