import { createReadStream, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, csp: string): void {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Malformed URL')
    return
  }
  const clean = normalize(decoded).replace(/^([/\\])+/, '')
  let file = join(root, clean)
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end()
    return
  }
  let stat = safeStat(file)
  if (!stat?.isFile()) {
    file = join(root, 'index.html')
    stat = safeStat(file)
  }
  if (!stat?.isFile()) {
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('The renderer is not built: run npm run build:app')
    return
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  res.writeHead(200, {
    'content-type': type,
    'content-length': stat.size,
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY'
  })
  // A file removed between stat and open (a rebuild of the renderer while serve runs) must end
  // this response, not raise an uncaught stream 'error' that crashes `serve`.
  createReadStream(file)
    .once('error', () => res.destroy())
    .pipe(res)
}

function safeStat(file: string) {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}
