import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../helpers/serveProcess'
import { useTempDirs } from '../helpers/tempDir'

/** The data file and its WAL, as bytes (the WAL holds recent writes before a checkpoint). */
function dataBytes(dir: string): Buffer {
  const files = ['tickboard.sqlite', 'tickboard.sqlite-wal'].map((f) => join(dir, f))
  return Buffer.concat(files.filter((f) => existsSync(f)).map((f) => readFileSync(f)))
}

describe('no token in plain text in the data file (issue #22)', () => {
  const tempDir = useTempDirs()
  let serve: ServeProcess | null = null
  afterEach(async () => {
    await serve?.stop()
    serve = null
  })

  it('a first start prints its admin token once; tokens work but only their hashes are stored', async () => {
    const dir = tempDir()
    serve = await startServe(['--data-dir', dir, '--no-demo'])
    const admin = serve.token!
    expect(admin).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(serve.output().split(admin).length - 1).toBe(2) // the admin token line and the ui line
    const call = async (token: string, route: string, input: unknown) => {
      const res = await fetch(`${serve!.api}/api/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input)
      })
      return { status: res.status, body: (await res.json()) as Record<string, string> }
    }
    const made = await call(admin, 'users.create', { name: 'Olu', role: 'operator' })
    const operator = made.body.token!
    expect(
      (await call(operator, 'contacts.import', { csv: 'phone\n+919876500001\n' })).status
    ).toBe(200)
    expect((await call(operator, 'users.list', {})).status).toBe(403)
    const tokens = [admin, operator]
    const hashes = tokens.map((t) => createHash('sha256').update(t).digest())

    const running = dataBytes(dir)
    for (const token of tokens) {
      expect(running.includes(Buffer.from(token))).toBe(false)
      expect(running.includes(Buffer.from(token, 'base64url'))).toBe(false)
    }
    // What is there instead: the hashes (so the search above read the right bytes).
    for (const hash of hashes) expect(running.includes(hash)).toBe(true)

    // A restart prints no token, and the first start's admin still signs in.
    await serve.stop()
    serve = await startServe(['--data-dir', dir, '--no-demo'])
    expect(serve.token).toBeNull()
    expect(serve.output()).not.toContain(admin)
    expect(serve.ui).toBe(`${serve.api}/`)
    expect((await call(admin, 'users.me', {})).body).toMatchObject({ name: 'Admin', role: 'admin' })
    await serve.stop()
    serve = null
    const stopped = dataBytes(dir)
    for (const token of tokens) expect(stopped.includes(Buffer.from(token))).toBe(false)
  }, 60_000)

  it('the TICKBOARD_API_TOKEN admin follows the variable: changed, the old one stops working', async () => {
    const dir = tempDir()
    serve = await startServe(['--data-dir', dir, '--no-demo'], {
      TICKBOARD_API_TOKEN: 'first-t0ken'
    })
    expect(serve.output()).not.toMatch(/admin token:/)
    await serve.stop()
    serve = await startServe(['--data-dir', dir, '--no-demo'], {
      TICKBOARD_API_TOKEN: 'second-t0ken'
    })
    const me = (token: string) =>
      fetch(`${serve!.api}/api/users.me`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: '{}'
      })
    expect((await me('first-t0ken')).status).toBe(401)
    expect((await me('second-t0ken')).status).toBe(200)
    await serve.stop()
    serve = null
    const bytes = dataBytes(dir)
    for (const token of ['first-t0ken', 'second-t0ken'])
      expect(bytes.includes(Buffer.from(token))).toBe(false)
  }, 60_000)
})
