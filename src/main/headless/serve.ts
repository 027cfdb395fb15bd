import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEngine } from '../engine/createEngine'
import { shellEnvironment } from '../kernel/environment'
import { createKeyFileSecretBox } from '../secrets/secretBox'
import { startApiServer } from './apiServer'
import { parseServeArgs } from './args'

/** `npm run serve`: the same engine and renderer as the desktop app, without Electron. */
async function main(): Promise<void> {
  const env = shellEnvironment()
  let args
  try {
    args = parseServeArgs(process.argv.slice(2), { exportsDir: env.exportsDir })
  } catch (err) {
    console.error((err as Error).message)
    process.exit(2)
  }
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
  const engine = await createEngine({
    dataDir: resolve(args.dataDir),
    transport: 'http',
    publicUrl: args.publicUrl,
    rendererDir,
    seedDemo: args.seedDemo,
    exportsDir: args.exportsDir,
    hooksPort: args.hooksPort,
    hooksHost: args.host,
    secrets: (dataDir) => createKeyFileSecretBox(dataDir, env.secretKey)
  })
  // The TICKBOARD_API_TOKEN bearer is an admin; without one, the first start makes an admin.
  const { firstStartToken } = engine.services.users.bootstrap(env.apiToken)
  const token = env.apiToken ?? firstStartToken
  const api = await startApiServer({ engine, host: args.host, port: args.port, rendererDir })
  const host = args.host.includes(':') ? `[${args.host}]` : args.host
  const apiUrl = `http://${host}:${api.port}`
  // The only copy there will ever be (also under systemd: set TICKBOARD_API_TOKEN there instead).
  if (firstStartToken)
    console.log(
      `admin token: ${firstStartToken}\n  (shown this once and stored only as a hash: keep it; an admin makes the other users' tokens)`
    )
  console.log(`api: ${apiUrl}`)
  console.log(`hooks: http://${host}:${engine.hooksPort}`)
  // Under systemd the line goes to the journal, readable by more people than the token's holder.
  const signedIn = token && !env.toJournal ? `#token=${encodeURIComponent(token)}` : ''
  console.log(`ui: ${apiUrl}/${signedIn}`)

  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: shutting down`)
    // New connections are refused at once; calls already in progress get their answer.
    const { cut } = await api.close(REQUEST_GRACE_MS)
    if (cut) console.log(`${signal}: cut API calls still running after ${REQUEST_GRACE_MS} ms`)
    // Dispatch stops after the sends in flight are answered and recorded, then the callback
    // listener and the data file close (SQLite checkpoints the WAL into the file as it closes).
    await engine.close()
    console.log(`${signal}: stopped cleanly`)
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

/**
 * How long a call in progress may take to finish at shutdown; with dispatch's own wait for its
 * sends (3 s) it stays well inside the systemd unit's TimeoutStopSec (deploy/tickboard.service).
 */
const REQUEST_GRACE_MS = 10_000

main().catch((err: unknown) => {
  console.error(`tickboard: ${(err as Error).message}`)
  process.exit(1)
})
