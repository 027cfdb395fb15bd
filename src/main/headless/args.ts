import { realpathSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { trimTrailingSlash } from '../http/url'

export interface ServeArgs {
  dataDir: string
  /** The loopback address both listeners bind (a reverse proxy on the same machine reaches them). */
  host: LoopbackHost
  port: number
  hooksPort: number
  publicUrl: string | null
  seedDemo: boolean
  /** Confines exports and scheduled reports (spec §8); null: not confined. */
  exportsDir: string | null
}

const USAGE =
  'usage: npm run serve -- --data-dir DIR [--host 127.0.0.1|::1] [--port P] [--hooks-port H] [--public-url URL] [--exports-dir DIR] [--no-demo]'

/**
 * The API speaks plain HTTP and trusts loopback Host headers: it is reached from elsewhere only
 * through a reverse proxy on the same machine that terminates TLS (deploy/), never directly.
 */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number]

/** Parses `serve` flags; throws a message that includes the usage line. */
export function parseServeArgs(argv: string[], defaults: { exportsDir?: string } = {}): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'hooks-port': { type: 'string', default: '0' },
      'public-url': { type: 'string' },
      'exports-dir': { type: 'string' },
      'no-demo': { type: 'boolean', default: false }
    },
    strict: true
  })
  const dataDir = values['data-dir']
  if (!dataDir) throw new Error(`--data-dir is required\n${USAGE}`)
  const host = LOOPBACK_HOSTS.find((h) => h === values.host)
  if (!host)
    throw new Error(
      `--host must be a loopback address (127.0.0.1 or ::1), got ${values.host}: put a reverse proxy with TLS in front to reach it from elsewhere (README, "Run a team server")\n${USAGE}`
    )
  const port = toPort(values.port, '--port')
  const hooksPort = toPort(values['hooks-port'], '--hooks-port')
  const publicUrl = values['public-url'] ?? null
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+/.test(publicUrl))
    throw new Error(`--public-url must be an http(s) URL, got ${publicUrl}\n${USAGE}`)
  return {
    dataDir,
    host,
    port,
    hooksPort,
    publicUrl: publicUrl === null ? null : trimTrailingSlash(publicUrl),
    seedDemo: !values['no-demo'],
    exportsDir: exportsDirOf(values['exports-dir'] ?? defaults.exportsDir)
  }
}

/** An existing folder, by its real path (links resolved once, at start). */
function exportsDirOf(dir: string | undefined): string | null {
  if (dir === undefined) return null
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`--exports-dir ${dir} is not an existing folder\n${USAGE}`)
  return realpathSync(dir)
}

function toPort(raw: string | undefined, flag: string): number {
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${flag} must be a port number 0-65535\n${USAGE}`)
  return port
}
