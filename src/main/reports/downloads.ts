import { randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { ExportRequest } from './exportReport'
import { exportFileName } from './fileNames'

const TTL_MS = 10 * 60_000

interface Prepared {
  file: string
  fileName: string
  bytes: number
  timer: NodeJS.Timeout
}

type ExportOne = (request: ExportRequest) => Promise<{ bytes: number }>

function discard(p: Prepared): void {
  clearTimeout(p.timer)
  rmSync(p.file, { force: true })
}

/**
 * Browser downloads of one engine: exports written into the data folder's download area, each
 * behind a one-time token valid for ten minutes. The browser fetches `GET /api/download/<token>`
 * (a plain navigation cannot carry the bearer header, so the unguessable, single-use, short-lived
 * token is the credential).
 */
export function createDownloads(dataDir: string, exportOne: ExportOne) {
  const dir = join(dataDir, 'downloads')
  const registry = new Map<string, Prepared>()
  return {
    async prepare(request: Omit<ExportRequest, 'path'>, campaignName: string) {
      mkdirSync(dir, { recursive: true })
      const token = randomBytes(24).toString('base64url')
      const file = join(dir, `${token}.${request.format}`)
      const { bytes } = await exportOne({ ...request, path: file })
      const fileName = exportFileName(campaignName, request.format, request.kind)
      const timer = setTimeout(() => {
        registry.delete(token)
        rmSync(file, { force: true })
      }, TTL_MS)
      timer.unref()
      registry.set(token, { file, fileName, bytes, timer })
      return { token, fileName, bytes }
    },

    /** Streams a prepared download once, then deletes it. Unknown or used tokens get 404. */
    serve(token: string, res: ServerResponse): void {
      const prepared = registry.get(token)
      if (!prepared) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('This download link was used already or has expired: export again.')
        return
      }
      registry.delete(token)
      clearTimeout(prepared.timer)
      const type = prepared.fileName.endsWith('.pdf')
        ? 'application/pdf'
        : 'text/csv; charset=utf-8'
      res.writeHead(200, {
        'content-type': type,
        'content-length': prepared.bytes,
        'content-disposition': `attachment; filename="${prepared.fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff'
      })
      const stream = createReadStream(prepared.file)
      // Without a listener a read error (file deleted meanwhile) is an uncaught 'error' event that
      // crashes `serve`; it ends this one response instead.
      stream.once('error', () => res.destroy())
      stream.pipe(res)
      const cleanup = (): void => rmSync(prepared.file, { force: true })
      res.once('close', () => {
        stream.destroy()
        cleanup()
      })
    },

    /** Removes downloads a previous run prepared but nobody fetched (their tokens died with it). */
    clearStale(): void {
      rmSync(dir, { recursive: true, force: true })
    },

    /** Engine stop: prepared downloads nobody fetched are deleted (their tokens die with it). */
    discardAll(): void {
      for (const p of registry.values()) discard(p)
      registry.clear()
    }
  }
}
export type Downloads = ReturnType<typeof createDownloads>
