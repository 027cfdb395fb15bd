import type { IncomingMessage } from 'node:http'

// Past the limit a body is drained (so the client reads our 413, not a reset connection) up to
// this much more; beyond that the socket is dropped.
const MAX_DRAIN_EXTRA_BYTES = 15 * 1024 * 1024

/** The client went away before its body was complete: nobody is left to answer. */
export class RequestAbortedError extends Error {
  override name = 'RequestAbortedError'
  constructor(cause?: unknown) {
    super('request aborted', { cause })
  }
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; oversized: true }

/**
 * Reads a request body with a size limit: the raw bytes, or `oversized` when the received size
 * passes `limit` (the rest is drained, not buffered), or at once when the declared length does
 * (a lying client is refused before anything is read). Rejects with RequestAbortedError when the
 * client goes away mid-body.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const chunks: Buffer[] = []
    let size = 0
    let oversized = declared > limit
    if (oversized) resolve({ ok: false, oversized: true })
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) oversized = true
      if (size > limit + MAX_DRAIN_EXTRA_BYTES) {
        req.destroy()
        return
      }
      if (!oversized) chunks.push(chunk)
    })
    req.on('end', () =>
      resolve(
        oversized ? { ok: false, oversized: true } : { ok: true, body: Buffer.concat(chunks) }
      )
    )
    // A reset mid-body surfaces as an 'error' (ECONNRESET) before 'close': both are an abort.
    req.on('error', (err) => reject(new RequestAbortedError(err)))
    req.on('close', () => {
      if (!req.complete) reject(new RequestAbortedError())
    })
  })
}
