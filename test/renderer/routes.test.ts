import { describe, expect, it } from 'vitest'
import { hashToPage, pageToHash, type Page } from '../../src/renderer/src/lib/routes'

describe('page addresses', () => {
  it('gives every page an address that reads back as the same page', () => {
    const pages: Page[] = [
      { name: 'campaigns' },
      { name: 'campaign', campaignId: 'demo-1/2 é' },
      { name: 'compose' },
      { name: 'compose', campaignId: 'c-9' },
      { name: 'contacts' },
      { name: 'providers' },
      { name: 'providers', providerId: 'p 1' },
      { name: 'settings' },
      { name: 'settings', section: 'users' },
      { name: 'settings', section: 'audit' },
      { name: 'pricing' },
      { name: 'compare' }
    ]
    for (const page of pages) expect(hashToPage(pageToHash(page))).toEqual(page)
    expect(pageToHash({ name: 'campaign', campaignId: 'a/b' })).toBe('#/campaigns/a%2Fb')
    expect(pageToHash({ name: 'settings', section: 'audit' })).toBe('#/settings/audit')
    // An unknown settings section opens the general settings.
    expect(hashToPage('#/settings/nope')).toEqual({ name: 'settings' })
  })

  it('opens the campaign list for anything else: no fragment, the token, a broken or unknown one', () => {
    for (const hash of ['', '#', '#token=abc', '#/nowhere', '#/contacts/x', '#/campaigns/%E0%A4%A'])
      expect(hashToPage(hash), hash).toEqual({ name: 'campaigns' })
  })
})
