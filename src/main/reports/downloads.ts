import { randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { EngineContext } from '../engine/context'
import { exportReport, type ExportRequest } from './exportReport'
import { exportFileName } from './fileNames'

const TTL_MS = 10 * 60_000

interface Prepared {
  file: string
  fileName: string
  bytes: number
  timer: NodeJS.Timeout
}

/** Prepared downloads per engine: one-time tokens, each valid for ten minutes. */
const registries = new WeakMap<EngineContext, Map<string, Prepared>>()

function registryOf(ctx: EngineContext): Map<string, Prepared> {
  let map = registries.get(ctx)
  if (!map) {
    map = new Map()
    registries.set(ctx, map)
  }
  return map
}

/** Engine stop: prepared downloads nobody fetched are deleted (their tokens die with it). */
export function discardDownloads(ctx: EngineContext): void {
  const registry = registries.get(ctx)
  if (!registry) return
  for (const p of registry.values()) discard(p)
  registry.clear()
}

function discard(p: Prepared): void {
  clearTimeout(p.timer)
  rmSync(p.file, { force: true })
}

const downloadsDir = (ctx: EngineContext): string => join(ctx.config.dataDir, 'downloads')

/** Removes downloads a previous run prepared but nobody fetched (their tokens died with it). */
export function clearStaleDownloads(ctx: EngineContext): void {
  rmSync(downloadsDir(ctx), { recursive: true, force: true })
}

/**
 * Writes an export into the data folder's download area and returns a one-time token; the
 * browser then fetches `GET /api/download/<token>` (a plain navigation cannot carry the bearer
 * header, so the unguessable, single-use, short-lived token is the credential).
 */
export async function prepareDownload(
  ctx: EngineContext,
  request: Omit<ExportRequest, 'path'>,
  campaignName: string
) {
  const dir = downloadsDir(ctx)
  mkdirSync(dir, { recursive: true })
  const token = randomBytes(24).toString('base64url')
  const file = join(dir, `${token}.${request.format}`)
  const { bytes } = await exportReport(ctx, { ...request, path: file })
  const fileName = exportFileName(campaignName, request.format, request.kind)
  const registry = registryOf(ctx)
  const timer = setTimeout(() => {
    registry.delete(token)
    rmSync(file, { force: true })
  }, TTL_MS)
  timer.unref()
  registry.set(token, { file, fileName, bytes, timer })
  return { token, fileName, bytes }
}

/** Streams a prepared download once, then deletes it. Unknown or used tokens get 404. */
export function serveDownload(ctx: EngineContext, token: string, res: ServerResponse): void {
  const registry = registryOf(ctx)
  const prepared = registry.get(token)
  if (!prepared) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('This download link was used already or has expired: export again.')
    return
  }
  registry.delete(token)
  clearTimeout(prepared.timer)
  const type = prepared.fileName.endsWith('.pdf') ? 'application/pdf' : 'text/csv; charset=utf-8'
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
}
