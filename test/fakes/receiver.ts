import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RawCallback } from '../../src/main/providers/types'

/**
 * A bare callback endpoint for tests of the fakes' emitters: records each POST as the callback
 * server would see it (raw bytes, headers, the URL it was called on) and answers with the
 * statuses in `answers` first, then 200.
 */
export async function startReceiver(answers: number[] = []) {
  const received: RawCallback[] = []
  const queue = [...answers]
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        method: req.method ?? 'POST',
        publicUrl: `${url}${req.url ?? '/'}`,
        headers: req.headers,
        rawBody: Buffer.concat(chunks)
      })
      res.writeHead(queue.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
