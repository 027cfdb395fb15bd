import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { META_CONFIG, postMeta, statusBody } from './meta'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

/** Sends the headers and part of the body, then resets the connection. */
function abortMidBody(base: string, path: string): Promise<void> {
  const url = new URL(path, base)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(
        `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\n` +
          `content-length: 5000\r\n\r\n{"object":"whatsapp_business_account",`
      )
      setTimeout(() => {
        socket.resetAndDestroy()
        resolve()
      }, 50)
    })
    socket.on('error', reject)
  })
}

describe('a callback whose client goes away mid-body', () => {
  it('is dropped quietly: no failure logged, nothing stored, the next callback is served', async () => {
    const logged: string[] = []
    t = (await startTestEngine(tempDir(), {
      log: (message) => logged.push(message)
    })) as TestEngine
    const provider = await t.call('providers.create', {
      type: 'meta',
      name: 'Meta',
      config: META_CONFIG
    })
    const hooks = t.engine.hooksBase()!
    await abortMidBody(hooks, provider.callbackPath)
    await new Promise((r) => setTimeout(r, 200))
    expect(logged.filter((m) => /callback request failed/.test(m))).toEqual([])
    expect(t.engine.db.prepare('SELECT COUNT(*) FROM callback_inbox').pluck().get()).toBe(0)

    const body = statusBody([
      { id: 'wamid.x', status: 'delivered', at: Date.UTC(2026, 10, 1), recipient: '+15550000' }
    ])
    expect(await postMeta(hooks, provider.callbackPath, body)).toBe(200)
  })
})
