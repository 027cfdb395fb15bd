import { describe, expect, it } from 'vitest'
import type { CallbackInboxRepo } from '../../../src/main/db/repos/callbackInboxRepo'
import type { CallbackUnmatchedRepo } from '../../../src/main/db/repos/callbackUnmatchedRepo'
import type { MarketingActionRepo } from '../../../src/main/db/repos/marketingActionRepo'
import type { ProviderRepo } from '../../../src/main/db/repos/providerRepo'
import type { RegistrationRepo } from '../../../src/main/db/repos/registrationRepo'
import type { TunnelEventRepo } from '../../../src/main/db/repos/tunnelEventRepo'
import { withStoreOf, type BackendOf } from './storageBackend'

/**
 * The callback side's part of the storage seam (README, "Storage backends"): the inbox, unmatched
 * statuses, the tunnel's history, callback gaps and marketing actions, against whatever backend it is given.
 */
export interface CallbackRepositories {
  providers: ProviderRepo
  inbox: CallbackInboxRepo
  unmatched: CallbackUnmatchedRepo
  tunnelEvents: TunnelEventRepo
  registrations: RegistrationRepo
  marketingActions: MarketingActionRepo
}

export type CallbackStorageBackend = BackendOf<CallbackRepositories>

export function callbackRepositorySuite(backend: CallbackStorageBackend): void {
  const withRepos = withStoreOf(backend)

  describe(`callback repositories on ${backend.name}`, () => {
    it(
      'inbox: a batch commits with counts per provider, pending rows come in order, pruning stops at the first pending row',
      withRepos(({ inbox }) => {
        const body = Buffer.from('{}')
        const counts = inbox.commitAccepted([
          { providerId: 'a', receivedAt: 10, rawBody: body, events: [{ n: 1 }] },
          { providerId: 'b', receivedAt: 20, rawBody: body, events: [{ n: 2 }] },
          { providerId: 'a', receivedAt: 30, rawBody: body, events: [{ n: 3 }] }
        ])
        expect([...counts]).toEqual([
          ['a', { n: 2, at: 30 }],
          ['b', { n: 1, at: 20 }]
        ])
        const rows = inbox.pending(10)
        expect(rows.map((r) => [r.provider_id, JSON.parse(r.events)])).toEqual([
          ['a', [{ n: 1 }]],
          ['b', [{ n: 2 }]],
          ['a', [{ n: 3 }]]
        ])
        inbox.markDone(rows[0]!.id, 100, null)
        inbox.markDone(rows[2]!.id, 100, 'bad row')
        expect(inbox.pending(10).map((r) => r.id)).toEqual([rows[1]!.id])
        // The second row is still pending: nothing after it is pruned, however old.
        expect(inbox.pruneProcessed(1000)).toBe(1)
        expect(inbox.pruneProcessed(1000)).toBe(0)
        inbox.markDone(rows[1]!.id, 200, null)
        expect(inbox.pruneProcessed(150)).toBe(0)
        expect(inbox.pruneProcessed(1000)).toBe(2)
        expect(inbox.pending(10)).toEqual([])
      })
    )

    it(
      'unmatched: open rows are those unresolved and received after the cut-off',
      withRepos(({ unmatched }) => {
        const row = { providerId: 'a', inboxId: 1, providerMessageId: 'w1', ourId: null }
        unmatched.add({ ...row, event: { id: 1 }, receivedAt: 10 })
        unmatched.add({ ...row, event: { id: 2 }, receivedAt: 20 })
        unmatched.add({ ...row, event: { id: 3 }, receivedAt: 30 })
        const open = unmatched.open(15, 10)
        expect(open.map((r) => JSON.parse(r.event))).toEqual([{ id: 2 }, { id: 3 }])
        unmatched.resolve(open[0]!.id, 40)
        expect(unmatched.open(0, 10).map((r) => JSON.parse(r.event))).toEqual([
          { id: 1 },
          { id: 3 }
        ])
        expect(unmatched.open(0, 1)).toHaveLength(1)
      })
    )

    it(
      'tunnel events: each add keeps only the newest rows, newest first',
      withRepos(({ tunnelEvents }) => {
        for (let at = 1; at <= 5; at++)
          tunnelEvents.add({ at, state: 'up', url: `https://t${at}`, reason: null }, 3)
        expect(tunnelEvents.recent(10).map((r) => r.at)).toEqual([5, 4, 3])
        expect(tunnelEvents.recent(1)).toEqual([
          { at: 5, state: 'up', url: 'https://t5', reason: null }
        ])
      })
    )

    it(
      'callback gaps: one open gap per account (the first cause kept); closing says whether one was open',
      withRepos(({ providers, registrations }) => {
        providers.insert({
          id: 'p1',
          type: 'meta',
          name: 'Meta',
          public_config: '{}',
          secret_config: null,
          callback_token: 'tok',
          rate_per_second: 20,
          created_at: 1,
          updated_at: 1
        })
        registrations.openGap('p1', 10, 'the tunnel is down')
        registrations.openGap('p1', 20, 'another cause')
        expect(registrations.currentGap('p1')).toEqual({ from: 10, reason: 'the tunnel is down' })
        expect(registrations.closeGap('p1', 30)).toBe(true)
        expect(registrations.closeGap('p1', 40)).toBe(false)
        expect(registrations.currentGap('p1')).toBeUndefined()
        expect(registrations.gaps('p1', 0, 100)).toEqual([
          { from: 10, to: 30, reason: 'the tunnel is down' }
        ])
      })
    )

    it(
      'marketing actions: each item kept once per account, action and key; no campaign sending, none given',
      withRepos(({ marketingActions }) => {
        const click = {
          providerId: 'a',
          action: 'click' as const,
          dedupeKey: 'click-1',
          clickId: 'click-1',
          trackingToken: null,
          component: 'cta',
          productId: null,
          businessPhone: '+15550000001',
          at: 1_000,
          inboxId: null,
          campaignId: null
        }
        expect(marketingActions.sendingBetween('a', 0, 2_000)).toEqual([])
        expect(marketingActions.add(click)).toBe(true)
        expect(marketingActions.add({ ...click, at: 5_000, inboxId: 7 })).toBe(false)
        expect(marketingActions.add({ ...click, action: 'landing_page_view' })).toBe(true)
        expect(marketingActions.add({ ...click, providerId: 'b' })).toBe(true)
      })
    )
  })
}
