// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge, settle } from './bridge'

/**
 * Each renderer call is its own request, so an answer can land after a newer one: every store
 * that can ask again while an answer is on its way keeps the newer one (lib/latestAnswers). Each
 * test asks twice (or asks, then something newer happens), answers in the wrong order, and checks
 * that the screen's state is the newer one.
 */
let bridge: ReturnType<typeof installBridge>

beforeEach(() => {
  vi.resetModules()
  bridge = installBridge()
})

/** The two open calls of `route`, the older first. */
async function twoCalls(route: string) {
  await settle()
  const calls = bridge.of(route)
  expect(calls, `two ${route} calls on their way`).toHaveLength(2)
  return calls as [(typeof calls)[0], (typeof calls)[0]]
}

describe('the rule (lib/latestAnswers)', () => {
  it('shows an answer unless a later one in its slot was shown or its question left the screen', async () => {
    const { latestAnswers } = await import('../../src/renderer/src/lib/latestAnswers')
    const answers = latestAnswers<'page' | 'other'>()
    let search = 'a'
    const first = answers.ask('page')
    const second = answers.ask('page')
    const other = answers.ask('other')
    const forA = answers.ask('page', () => search === 'a')
    expect(second(), 'nothing newer shown yet').toBe(true)
    expect(first(), 'overtaken by the second').toBe(false)
    expect(other(), 'another slot is not overruled').toBe(true)
    search = 'ab'
    expect(forA(), 'its search left the screen').toBe(false)
    const afterEvent = answers.ask('page')
    answers.overrule('page')
    expect(afterEvent(), 'a value pushed meanwhile is newer').toBe(false)
    await expect(
      answers.load(
        'page',
        () => Promise.reject(new Error('busy')),
        () => undefined
      ),
      'a failure that may be shown is thrown'
    ).rejects.toThrow('busy')
  })
})

describe('a late answer does not overwrite a newer one', () => {
  it('contacts: the answer to an earlier search that lands last is not shown', async () => {
    const { useContactsStore: store } = await import('../../src/renderer/src/stores/contactsStore')
    const page = (name: string) => ({
      rows: [{ id: 1, name }],
      total: 1,
      totalAtLeast: false,
      next: null
    })
    store.getState().setSearch('a')
    store.getState().setSearch('ab')
    const [older, newer] = await twoCalls('contacts.list')
    // The earlier search answers first: it is not the search on screen any more.
    older.resolve(page('answer to a'))
    await settle()
    expect(store.getState().rows).toEqual([])
    newer.resolve(page('answer to ab'))
    await settle()
    expect(store.getState().rows).toEqual(page('answer to ab').rows)
    expect(store.getState().loading).toBe(false)
  })

  it('contacts: a page turned back meanwhile keeps the first page, and an old failure is not shown', async () => {
    const { useContactsStore: store } = await import('../../src/renderer/src/stores/contactsStore')
    store.setState({ next: 'k50' })
    store.getState().turnPage(1)
    store.getState().turnPage(-1)
    const [second, first] = await twoCalls('contacts.list')
    first.resolve({ rows: [{ id: 1 }], total: 80, totalAtLeast: false, next: 'k50' })
    await settle()
    second.reject({ code: 'internal', message: 'engine busy' })
    await settle()
    expect(store.getState()).toMatchObject({ rows: [{ id: 1 }], offset: 0, error: null })
  })

  it('providers: the tunnel status pushed by the engine is not replaced by an older read', async () => {
    const { useProvidersStore: store } =
      await import('../../src/renderer/src/stores/providersStore')
    const loading = store.getState().load()
    await settle()
    store.getState().applyTunnelStatus({ state: 'up', url: 'https://t.example' })
    // The URL changed: the list is read again.
    const [olderList, newerList] = await twoCalls('providers.list')
    const [olderTunnel, newerTunnel] = await twoCalls('tunnel.status')
    newerList.resolve({ providers: [{ id: 'p1', callbackUrl: 'https://t.example/cb' }] })
    newerTunnel.resolve({ state: 'up', url: 'https://t.example' })
    await settle()
    olderList.resolve({ providers: [{ id: 'p1', callbackUrl: null }] })
    olderTunnel.resolve({ state: 'starting' })
    await loading
    expect(store.getState().tunnel).toEqual({ state: 'up', url: 'https://t.example' })
    expect(store.getState().providers).toEqual([{ id: 'p1', callbackUrl: 'https://t.example/cb' }])
  })

  it('providers: an account’s callback health read twice keeps the newer answer', async () => {
    const { useProvidersStore: store } =
      await import('../../src/renderer/src/stores/providersStore')
    void store.getState().loadHealth('p1')
    void store.getState().loadHealth('p1')
    const [older, newer] = await twoCalls('callbacks.health')
    newer.resolve({ received: 9 })
    await settle()
    older.reject({ code: 'internal', message: 'engine busy' })
    await settle()
    expect(store.getState().health.p1).toEqual({ received: 9 })
  })

  it('registration: a campaign read again on a registration event keeps the newer answer', async () => {
    const { useRegistrationStore: store } =
      await import('../../src/renderer/src/stores/registrationStore')
    void store.getState().loadCampaign('c1')
    void store.getState().loadCampaign('c1')
    const [older, newer] = await twoCalls('registration.campaign')
    newer.resolve({ override: null, gaps: [] })
    await settle()
    older.resolve({ override: null, gaps: [{ from: 1, to: 2 }] })
    await settle()
    expect(store.getState().byCampaign.c1).toEqual({ override: null, gaps: [] })
  })

  it('registration: the accounts read before a consent change do not undo its answer', async () => {
    const { useRegistrationStore: store } =
      await import('../../src/renderer/src/stores/registrationStore')
    const listing = store.getState().load()
    const consenting = store.getState().setEnabled('p1', true)
    await settle()
    bridge.of('registration.setEnabled')[0]!.resolve({ providerId: 'p1', enabled: true })
    await consenting
    bridge.of('registration.list')[0]!.resolve({ accounts: [{ providerId: 'p1', enabled: false }] })
    await listing
    expect(store.getState().byProvider.p1).toEqual({ providerId: 'p1', enabled: true })
  })

  it('users: the list read before a second revoke does not bring the user back', async () => {
    const { useUsersStore: store } = await import('../../src/renderer/src/stores/usersStore')
    const first = store.getState().load()
    const second = store.getState().load()
    const [older, newer] = await twoCalls('users.list')
    newer.resolve({ users: [{ id: 'u1', revokedAt: 2 }] })
    await second
    older.resolve({ users: [{ id: 'u1', revokedAt: null }] })
    await first
    expect(store.getState().users).toEqual([{ id: 'u1', revokedAt: 2 }])
  })

  it('settings: the currency read on opening does not undo a change answered before it', async () => {
    const { useSettingsStore: store } = await import('../../src/renderer/src/stores/settingsStore')
    const reading = store.getState().loadCurrency()
    const changing = store.getState().setCurrency('EUR')
    await settle()
    bridge.of('system.setCurrency')[0]!.resolve({ currency: 'EUR' })
    await changing
    bridge.of('system.currency')[0]!.resolve({ currency: 'USD' })
    await reading
    expect(store.getState().currency).toBe('EUR')
  })

  it('settings: the backups read after a backup keep the newer list, an older failure is dropped', async () => {
    const { useSettingsStore: store } = await import('../../src/renderer/src/stores/settingsStore')
    const first = store.getState().loadBackups()
    const second = store.getState().loadBackups()
    const [older, newer] = await twoCalls('data.backups')
    newer.resolve({ backups: [{ name: 'b2' }, { name: 'b1' }] })
    await second
    older.reject({ code: 'internal', message: 'disk busy' })
    await expect(first, 'an overtaken failure is not news').resolves.toBeUndefined()
    expect(store.getState().backups).toEqual({ backups: [{ name: 'b2' }, { name: 'b1' }] })
  })

  it('pricing: the rate card read before an import does not replace the imported one', async () => {
    const { usePricingStore: store } = await import('../../src/renderer/src/stores/pricingStore')
    const first = store.getState().loadRates()
    const second = store.getState().loadRates()
    const [older, newer] = await twoCalls('pricing.rates')
    newer.resolve({ importedAt: 2 })
    await second
    older.resolve({ importedAt: 1 })
    await first
    expect(store.getState().rates).toEqual({ importedAt: 2 })
  })

  it('templates: a stored list read before a sync does not replace the synced one', async () => {
    const { useTemplatesStore: store } =
      await import('../../src/renderer/src/stores/templatesStore')
    const listing = store.getState().list('p1')
    const syncing = store.getState().sync('p1')
    await settle()
    bridge.of('templates.sync')[0]!.resolve({ templates: ['synced'] })
    await syncing
    bridge.of('templates.list')[0]!.resolve({ templates: ['stored'] })
    expect(await listing, 'the caller still gets its answer').toEqual({ templates: ['stored'] })
    expect(store.getState().lists.p1).toEqual({ templates: ['synced'] })
  })

  it('team: the connection pushed by the engine is not replaced by an older read', async () => {
    const { useTeamStore: store } = await import('../../src/renderer/src/stores/teamStore')
    const reading = store.getState().load()
    await settle()
    const connected = { mode: 'remote', url: 'https://team.example', state: 'connected' }
    store.getState().apply(connected as never)
    bridge.of('team.status')[0]!.resolve({ ...connected, state: 'connecting' })
    await reading
    expect(store.getState().connection).toEqual(connected)
  })
})
