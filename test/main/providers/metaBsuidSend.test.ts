import { describe, expect, test } from 'vitest'
import { explainDeliveryError } from '../../../src/shared/domain/errorDictionary'
import { request, send, useMetaFakes } from './metaSetup'

const { meta } = useMetaFakes()
const BSUID = 'US.13491208655302741918'

describe('Meta: sending to a business-scoped user id (BSUID)', () => {
  test('a user known only by BSUID is addressed through `recipient`, never `to`', async () => {
    const fake = await meta()
    const outcome = await send(fake, { ...request(''), recipientUserId: BSUID })
    expect(outcome.kind).toBe('accepted')
    const body = fake.requests[0]!.body as Record<string, unknown>
    expect(body.recipient).toBe(BSUID)
    expect('to' in body).toBe(false)
  })

  test('with a phone, `to` is sent and the BSUID is not (Meta: `to` wins)', async () => {
    const fake = await meta()
    await send(fake, { ...request('+15551234567'), recipientUserId: BSUID })
    const body = fake.requests[0]!.body as Record<string, unknown>
    expect(body.to).toBe('15551234567')
    expect('recipient' in body).toBe(false)
  })

  test('131062 (BSUID recipients not supported) is a refused send with its explanation', async () => {
    const fake = await meta({ noUserIdTemplates: ['order_update'] })
    const outcome = await send(fake, { ...request(''), recipientUserId: BSUID })
    expect(outcome).toMatchObject({
      kind: 'rejected',
      reason: 'invalid_request',
      providerCode: '131062'
    })
    const explained = explainDeliveryError('meta', '131062')
    expect(explained.known).toBe(true)
    expect(explained.explanation).toMatch(/user id/)
  })
})
