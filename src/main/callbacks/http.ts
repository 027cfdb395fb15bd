import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Largest callback body we accept (spec §4); Meta allows 3 MB but WhatsApp statuses are tiny. */
export const MAX_BODY_BYTES = 1024 * 1024
// Past this we stop draining an oversized body and drop the connection instead.
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES

export type BodyResult = { ok: true; body: Buffer } | { ok: false; oversized: true }

/**
 * Reads the raw body with a size limit. An oversized body is drained (not buffered) so the client
 * still reads our 413 instead of a reset connection; a body beyond 16 MiB drops the socket.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const chunks: Buffer[] = []
    let size = 0
    let oversized = declared > limit
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) oversized = true
      if (size > MAX_DRAIN_BYTES) {
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
    req.on('error', reject)
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'))
    })
  })
}

/** Constant-time string equality (hashing first makes the lengths equal). */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json'
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string
): void {
  send(res, status, JSON.stringify({ error: { code, message } }))
}

/** The path with its secret token segment replaced, for logs and diagnostics. */
export function redactPath(path: string): string {
  const parts = path.split('/')
  if (parts.length >= 4 && parts[3]) parts[3] = '…'
  return parts.join('/').slice(0, 200)
}
