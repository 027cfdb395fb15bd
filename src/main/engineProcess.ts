import { serveEngine } from './bridge/engineServer'
import { parentLink, portLink, type Link, type PortLike } from './bridge/link'

/**
 * Entry of the engine process (`out/main/engine.js`). Under Electron it is a utilityProcess and
 * receives its MessagePort in the first message on `process.parentPort`; forked by Node (tests,
 * the start-up smoke test) it talks over the child's IPC channel. Either way the same
 * `serveEngine` runs; it imports no electron.
 */
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): void
}

function connect(): Promise<Link> {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort
  if (parentPort)
    return new Promise((resolve, reject) =>
      parentPort.once('message', ({ ports }) => {
        const port = ports[0]
        if (port) resolve(portLink(port))
        else reject(new Error('The first message from the main process carried no port'))
      })
    )
  return Promise.resolve(parentLink())
}

connect()
  .then(serveEngine)
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(`[engine] ${(err as Error).message}`)
    process.exit(1)
  })
