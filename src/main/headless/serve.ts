import type { Server } from 'node:http'
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
    secrets: (dataDir) => createKeyFileSecretBox(dataDir, env.secretKey)
  })
  const token = env.apiToken
  const api = await startApiServer({ engine, port: args.port, token, rendererDir })
  const apiUrl = `http://127.0.0.1:${api.port}`
  console.log(`api: ${apiUrl}`)
  console.log(`hooks: http://127.0.0.1:${engine.hooksPort}`)
  console.log(`ui: ${apiUrl}/${token ? `#token=${encodeURIComponent(token)}` : ''}`)

  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: shutting down`)
    await closeServer(api.server)
    await engine.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done())
    server.closeAllConnections()
  })
}

main().catch((err: unknown) => {
  console.error(`tickboard: ${(err as Error).message}`)
  process.exit(1)
})
