import { ErrorCode } from '../../shared/ipc/errors'
import { createEngine, type Engine } from '../engine/createEngine'
import type { PdfPrinter } from '../kernel/pdfPrinter'
import { shellEnvironment } from '../kernel/environment'
import { openDesktopSecretBox } from './desktopSecrets'
import { ENGINE, type EngineStart, type EngineStarted } from './engineProtocol'
import { hostClient, type HostServices } from './hostApi'
import type { Link } from './link'
import { createPeer } from './peer'

/**
 * The engine process's side of the port: builds the engine when the main process asks, answers
 * contract calls with the unchanged invoker, and forwards every engine event as a notice. What
 * only the main process can do (keychain, save dialog, printToPDF) becomes a request back to it.
 * Resolves once the link is gone and the engine is closed.
 */
export function serveEngine(link: Link, log = defaultLog): Promise<void> {
  let engine: Engine | null = null
  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= (engine?.close() ?? Promise.resolve()).catch((err: unknown) =>
      log('the engine did not close cleanly', err)
    )
    return closing
  }
  const peer = createPeer(link, {
    [ENGINE.start]: async (start: EngineStart): Promise<EngineStarted> => {
      if (engine || closing) throw new Error('The engine was already started')
      const host = hostClient(peer)
      const secrets = await openDesktopSecretBox(start.dataDir, host, shellEnvironment().secretKey)
      engine = await createEngine({
        ...start,
        transport: 'electron',
        secrets: () => secrets,
        pdfPrinter: hostPrinter(host),
        saveDialog: (defaultName, format) => host.saveDialog(defaultName, format),
        loginItem: (openAtLogin) => host.loginItem(openAtLogin),
        log
      })
      engine.subscribe((name, payload) => peer.notify(ENGINE.event, { name, payload }))
      return { hooksPort: engine.hooksPort, secrets: secrets.kind }
    },
    [ENGINE.invoke]: ({ route, input }: { route: string; input: unknown }) =>
      engine && !closing
        ? engine.invoke(route, input)
        : {
            ok: false,
            error: { code: ErrorCode.unavailable, message: 'The engine is not running' }
          },
    [ENGINE.close]: () => close()
  })
  return new Promise((resolve) => peer.onClose(() => void close().then(resolve)))
}

/** Printing runs in the main process; the PDF bytes come back over the port. */
function hostPrinter(host: HostServices): PdfPrinter {
  return { print: async (job) => Buffer.from(await host.printPdf(job)) }
}

function defaultLog(message: string, err?: unknown): void {
  console.error(`[engine] ${message}`, err ?? '')
}
