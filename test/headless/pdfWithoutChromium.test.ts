import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

/** Headless PDF export on a machine without Chromium: a clear 503 naming the fix, no stack. */
const tempDir = useTempDirs()
let serve: ServeProcess | null = null
afterEach(async () => {
  await serve?.stop()
  serve = null
})

describe('reports.export as PDF without a Chromium', () => {
  it('answers unavailable with the install command and leaves no file', async () => {
    const dataDir = tempDir()
    const demo = execFileSync(
      process.execPath,
      [resolve('out/main/demo.js'), '--data-dir', dataDir, '--recipients', '50'],
      { encoding: 'utf8' }
    )
    const campaignId = demo.trim().split('\n').at(-1)!
    const empty = tempDir()
    serve = await startServe(
      ['--data-dir', dataDir, '--port', '0', '--hooks-port', '0', '--no-demo'],
      { CHROMIUM_PATH: '', PATH: empty, TICKBOARD_API_TOKEN: 'pdf-token' }
    )
    const path = join(tempDir(), 'report.pdf')
    const response = await fetch(`${serve.api}/api/reports.export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer pdf-token' },
      body: JSON.stringify({ campaignId, format: 'pdf', path })
    })
    expect(response.status).toBe(503)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('unavailable')
    expect(body.error.message).toMatch(/^PDF export needs Chromium: install Chromium/)
    expect(body.error.message).toContain('apt-get install -y chromium poppler-utils')
    expect(body.error.message).toContain('CHROMIUM_PATH')
    expect(body.error.message).not.toMatch(/\n\s+at /)
    expect(existsSync(path)).toBe(false)
  })
})
