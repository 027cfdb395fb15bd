import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { ErrorCode, type Result } from '../../shared/ipc/errors'
import type { HostServices } from './hostApi'
import type { HttpEngine } from './httpEngine'

/**
 * Exports of the desktop app on a team server: the file is made by the server and saved where
 * the operator chose on this computer. The save dialog is this computer's; the server prepares
 * the export (`reports.prepareDownload`) and hands it over once (`GET /api/download/<token>`),
 * as it does for the browser. An existing file is replaced only when the dialog confirmed it.
 */
export function remoteExports(engine: HttpEngine, saveDialog: HostServices['saveDialog']) {
  return {
    async chooseSavePath(input: { defaultName: string; format: 'csv' | 'pdf' }) {
      const path = await saveDialog(input.defaultName, input.format)
      return { path, replaces: path !== null && existsSync(path) }
    },
    async export(input: Record<string, unknown>): Promise<Result<unknown>> {
      const { path, overwrite, ...what } = input as { path: string; overwrite?: boolean }
      if (existsSync(path) && !overwrite)
        return fail(ErrorCode.conflict, `${path} exists; pass overwrite: true to replace it`)
      const prepared = await engine.invoke('reports.prepareDownload', what)
      if (!prepared.ok) return prepared
      const { token } = prepared.data as { token: string }
      let bytes: Buffer
      try {
        const res = await fetch(`${engine.url}/api/download/${encodeURIComponent(token)}`)
        if (!res.ok)
          return fail(
            ErrorCode.unavailable,
            `The server did not hand over the export (HTTP ${res.status})`
          )
        bytes = Buffer.from(await res.arrayBuffer())
      } catch (err) {
        return fail(
          ErrorCode.unavailable,
          `The export could not be fetched from ${engine.url}: ${(err as Error).message}`
        )
      }
      // Complete or not at all: a side file, then moved over the chosen name.
      const part = `${path}.part`
      try {
        writeFileSync(part, bytes)
        renameSync(part, path)
      } catch (err) {
        rmSync(part, { force: true })
        return fail(ErrorCode.invalidInput, `Cannot write ${path}: ${(err as Error).message}`)
      }
      return { ok: true, data: { path, bytes: bytes.length } }
    }
  }
}

function fail(code: ErrorCode, message: string): Result<unknown> {
  return { ok: false, error: { code, message } }
}
