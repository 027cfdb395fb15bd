import { describe, expect, it } from 'vitest'
import { countedAs } from '../../../src/main/pricing/reportedPricing'
import { parseMetaPricing } from '../../../src/main/providers/meta/pricing'

/**
 * Status items of published webhook bodies (../shared/reference/payloads/meta): m08 and m09 from
 * Meta's status webhook reference, m13 and m15 live captures (ids synthetic, as published there).
 */
const STATUS: Record<string, unknown> = {
  m08: {
    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
    status: 'sent',
    timestamp: '1750030073',
    recipient_id: '16505551234',
    conversation: {
      id: '72b14d6bd5407799e66f64d1b338e567',
      expiration_timestamp: '1750116480',
      origin: {
        type: 'marketing'
      }
    },
    pricing: {
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: 'marketing'
    }
  },
  m09: {
    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
    status: 'sent',
    timestamp: '1750030073',
    recipient_id: '16505551234'
  },
  m13: {
    id: 'wamid.b8fd003cb8bb48cd550b402892b2a285b8a447c7',
    status: 'sent',
    timestamp: '1750857384',
    recipient_id: '1555907558727',
    conversation: {
      id: 'a75d17ad06104c51166f948319b03c6a',
      expiration_timestamp: '1750943820',
      origin: {
        type: 'service'
      }
    },
    pricing: {
      billable: true,
      pricing_model: 'CBP',
      category: 'service'
    }
  },
  m15: {
    id: 'wamid.c8c96133128196a8cba539ce4ed474b5a2df25dc',
    status: 'sent',
    timestamp: '1694492482',
    recipient_id: '15557819002',
    conversation: {
      id: 'f5fdae3920125a39a1e6a23e5f877c16',
      expiration_timestamp: '1694505360',
      origin: {
        type: 'utility'
      }
    },
    pricing: {
      billable: true,
      pricing_model: 'CBP',
      category: 'utility'
    }
  }
}

const firstStatus = (file: string): unknown => STATUS[file.slice(0, 3)]

// Expectations written from Meta's status webhook reference (pricing + conversation objects).
describe('Meta pricing on status webhooks (published payloads)', () => {
  it('m08 (docs, PMP): marketing, regular, billable; conversation kept', () => {
    const p = parseMetaPricing(firstStatus('m08_metadocs_status_sent_pmp.json'))!
    expect(p).toEqual({
      category: 'marketing',
      type: 'regular',
      billable: true,
      pricingModel: 'PMP',
      conversationId: '72b14d6bd5407799e66f64d1b338e567',
      conversationOrigin: 'marketing',
      conversationExpiresAt: 1750116480000
    })
    expect(countedAs(p)).toBe('billable')
  })

  it('m09 (docs, v24 without pricing): nothing to keep', () => {
    expect(parseMetaPricing(firstStatus('m09_metadocs_status_v24_no_pricing.json'))).toBeNull()
  })

  it('m13 / m15 (live captures, CBP era): category from pricing, no type, billable flag', () => {
    const service = parseMetaPricing(firstStatus('m13_captured_cronwallet_sent_cbp.json'))!
    expect(service).toMatchObject({
      category: 'service',
      type: null,
      billable: true,
      pricingModel: 'CBP'
    })
    const utility = parseMetaPricing(firstStatus('m15_captured_playnow_sent_utility.json'))!
    expect(utility).toMatchObject({ category: 'utility', conversationOrigin: 'utility' })
    expect(countedAs(utility)).toBe('billable')
  })

  it('free types and odd shapes', () => {
    const base = {
      billable: null,
      pricingModel: 'PMP',
      conversationId: null,
      conversationOrigin: null,
      conversationExpiresAt: null
    }
    expect(countedAs({ ...base, category: 'utility', type: 'free_customer_service' })).toBe('free')
    expect(countedAs({ ...base, category: 'marketing', type: 'free_entry_point' })).toBe('free')
    expect(countedAs({ ...base, category: 'marketing', type: null, billable: false })).toBe('free')
    const intl = parseMetaPricing({
      pricing: { category: 'authentication-international', type: 'regular' }
    })
    expect(intl?.category).toBe('authentication_international')
    expect(parseMetaPricing({ pricing: 'free', conversation: 7 })).toBeNull()
    expect(parseMetaPricing({ pricing: { billable: 'yes' } })).toMatchObject({
      category: 'unknown',
      billable: null
    })
  })
})
