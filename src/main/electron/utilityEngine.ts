import { MessageChannelMain, utilityProcess, type UtilityProcess } from 'electron'
import { portLink, type Link } from '../bridge/link'

/**
 * Starts the engine entry in an Electron utilityProcess (only after app 'ready') and hands it one
 * end of a MessageChannelMain in its first message; the other end is the main process's link.
 * The port is closed when the process exits, so pending requests fail instead of hanging.
 */
export function forkUtilityEngine(entry: string): { link: Link; child: UtilityProcess } {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Tickboard engine',
    stdio: 'inherit'
  })
  const { port1, port2 } = new MessageChannelMain()
  child.postMessage({ tickboard: 'engine-port' }, [port2])
  const link = portLink(port1)
  child.once('exit', () => link.close())
  return { link, child }
}
