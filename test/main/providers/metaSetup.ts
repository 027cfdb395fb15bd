import { afterEach } from 'vitest'
import { metaAdapter } from '../../../src/main/providers/meta'
import type { SendRequest } from '../../../src/main/providers/types'
import { startFake, type FakeByType } from '../../fakes'

/**
 * Starts fake Meta APIs for one test file and closes everything in `open` after each test
 * (tests may add other servers to it, or take out one they closed themselves).
 */
export function useMetaFakes() {
  const open: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (const server of open.splice(0)) await server.close()
  })
  async function meta(
    options: Parameters<typeof startFake<'meta'>>[1] = {}
  ): Promise<FakeByType['meta']> {
    const fake = await startFake('meta', options)
    open.push(fake)
    return fake
  }
  return { meta, open }
}

/** A template send to `to` with our id, as the dispatcher builds it. */
export const request = (to: string, ourId = `our-${to}`): SendRequest => ({
  ourId,
  to,
  template: { name: 'order_update', language: 'en_US', params: ['Ana', '#1234'] },
  callbackUrl: null
})

export const send = (
  fake: FakeByType['meta'],
  req: SendRequest,
  signal = AbortSignal.timeout(5000)
) => metaAdapter.send(fake.account(), req, signal)
