import type { ServerResponse } from 'node:http'

/** Sends a complete text answer once (a second answer, or one to a dead socket, is ignored). */
export function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json; charset=utf-8'
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  res.end(body)
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body))
}

/** The error shape of every transport: `{"error": {"code", "message"}}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string
): void {
  sendJson(res, status, { error: { code, message } })
}
