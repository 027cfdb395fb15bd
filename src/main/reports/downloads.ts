import { randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { ExportRequest } from './exportReport'
import { exportFileName } from './fileNames'

const TTL_MS = 10 * 60_000

interface Prepared {
  /** The user who prepared it: the link dies with their access (revoked: refused). */
  owner: string
  file: string
  fileName: string
  bytes: number
  timer: NodeJS.Timeout
}

type ExportOne = (request: ExportRequest) => Promise<{ bytes: number }>
type WriteFile = (path: string) => Promise<{ bytes: number }>

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
  async function register(owner: string, fileName: string, extension: string, write: WriteFile) {
    mkdirSync(dir, { recursive: true })
    const token = randomBytes(24).toString('base64url')
    const file = join(dir, `${token}.${extension}`)
    const { bytes } = await write(file)
    const timer = setTimeout(() => {
      registry.delete(token)
      rmSync(file, { force: true })
    }, TTL_MS)
    timer.unref()
    registry.set(token, { owner, file, fileName, bytes, timer })
    return { token, fileName, bytes }
  }

  return {
    prepare(request: Omit<ExportRequest, 'path'>, campaignName: string, owner: string) {
      const fileName = exportFileName(campaignName, request.format, request.kind)
      return register(owner, fileName, request.format, (path) => exportOne({ ...request, path }))
    },

    /** Any other file as a download (the audit log's CSV): `write` creates it at the path given. */
    prepareFile: register,

    /**
     * Streams a prepared download once, then deletes it. Unknown or used tokens get 404; a
     * download whose owner may no longer sign in (`mayFetch` false: revoked) gets 401.
     */
    serve(token: string, res: ServerResponse, mayFetch: (owner: string) => boolean): void {
      const prepared = registry.get(token)
      if (prepared && !mayFetch(prepared.owner)) {
        registry.delete(token)
        discard(prepared)
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('The user who prepared this download is no longer allowed to sign in.')
        return
      }
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
