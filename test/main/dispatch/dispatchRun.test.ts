import { describe, expect, it } from 'vitest'
import type { CampaignDraft } from '../../../src/shared/ipc/routes/campaigns'
import type { CampaignRow } from '../../../src/main/db/repos/campaignRepo'
import { campaignRate, progressEvent } from '../../../src/main/dispatch/dispatchRun'
import type { ProviderAccount } from '../../../src/main/providers/providerAccounts'
import { callbackUrlOn } from '../../../src/main/providers/providerAccounts'

const account = { ratePerSecond: 20 } as ProviderAccount
const numbers = {
  qualified: 10,
  processed: 4,
  sent: 3,
  dispatchErrors: 1,
  ratePerSecond: 2,
  etaSeconds: 3
}

describe('dispatch run helpers', () => {
  it("a campaign's rate is its own, never above its account's", () => {
    expect(campaignRate({ ratePerSecond: 5 } as CampaignDraft, account)).toBe(5)
    expect(campaignRate({ ratePerSecond: 50 } as CampaignDraft, account)).toBe(20)
    expect(campaignRate({} as CampaignDraft, account)).toBe(20)
  })

  it('the progress event says qualifying while the audience is fixed, and the pause reason', () => {
    const row = { id: 'c1', status: 'running', paused_reason: null } as CampaignRow
    expect(progressEvent(row, numbers, null)).toEqual({
      campaignId: 'c1',
      status: 'running',
      ...numbers
    })
    const qualifying = { qualified: 10, expected: 100 }
    expect(progressEvent(row, numbers, qualifying)).toEqual({
      campaignId: 'c1',
      status: 'qualifying',
      qualifying,
      ...numbers
    })
    const paused = { ...row, status: 'paused', paused_reason: 'Template paused' } as CampaignRow
    expect(progressEvent(paused, numbers, qualifying)).toEqual({
      campaignId: 'c1',
      status: 'paused',
      qualifying,
      ...numbers,
      pausedReason: 'Template paused'
    })
  })

  it('callback URLs: the account path on the base (one slash), none without a base', () => {
    expect(callbackUrlOn('https://t.example/', 'p1', 'tok')).toBe('https://t.example/hooks/p1/tok')
    expect(callbackUrlOn('http://127.0.0.1:4000', 'p1', 'tok')).toBe(
      'http://127.0.0.1:4000/hooks/p1/tok'
    )
    expect(callbackUrlOn(null, 'p1', 'tok')).toBeNull()
  })
})
