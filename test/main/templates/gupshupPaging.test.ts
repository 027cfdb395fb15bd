import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { listGupshupTemplates } from '../../../src/main/providers/gupshup/templates'
import { startFake } from '../../fakes'
import type { FakeTemplate } from '../../fakes/templates'
import { CATALOG } from './catalog'
import { useClosers } from '../../helpers/closers'

/** `n` distinct templates built from the catalog's first one. */
const many = (n: number): FakeTemplate[] =>
  Array.from({ length: n }, (_, i) => ({ ...CATALOG[0]!, name: `order_update_${i}` }))

describe('Gupshup template list paging (pageNo from 0, pageSize ≤ 100, ends on a short page)', () => {
  const closeAfter = useClosers()

  async function sync(n: number) {
    const fake = await startFake('gupshup', { catalog: { templates: many(n) } })
    closeAfter(() => fake.close())
    const templates = await listGupshupTemplates(fake.account(), AbortSignal.timeout(10_000))
    return { templates, queries: fake.listQueries }
  }

  it.each([
    [3, ['?pageNo=0&pageSize=100']],
    [100, ['?pageNo=0&pageSize=100', '?pageNo=1&pageSize=100']],
    [101, ['?pageNo=0&pageSize=100', '?pageNo=1&pageSize=100']],
    [250, ['?pageNo=0&pageSize=100', '?pageNo=1&pageSize=100', '?pageNo=2&pageSize=100']]
  ])('%i templates: every one synced, in the pages asked', async (n, pages) => {
    const { templates, queries } = await sync(n)
    expect(templates).toHaveLength(n)
    expect(new Set(templates.map((t) => t.label)).size).toBe(n)
    expect(queries).toEqual(pages)
  })

  it('a server that ignores pageNo does not make the sync ask the same page again', async () => {
    // The same full page whatever is asked: the second brings nothing new, so the sync stops.
    const fake = await startFake('gupshup', { catalog: { templates: many(100) } })
    closeAfter(() => fake.close())
    const body = JSON.stringify(
      (await (
        await fetch(`${fake.url}/wa/app/${fake.options.appId}/template`, {
          headers: { apikey: fake.options.apiKey }
        })
      ).json()) as unknown
    )
    const asked: string[] = []
    const server = createServer((req, res) => {
      asked.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'application/json' }).end(body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const { port } = server.address() as AddressInfo
      const templates = await listGupshupTemplates(
        fake.account({ baseUrl: `http://127.0.0.1:${port}` }),
        AbortSignal.timeout(10_000)
      )
      expect(templates).toHaveLength(100)
      expect(asked).toHaveLength(2)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
