// @vitest-environment jsdom
import { createElement } from 'react'
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installBridge } from './bridge'

type Hook = typeof import('../../src/renderer/src/lib/useLatestAnswer')

let bridge: ReturnType<typeof installBridge>
let useLatestAnswer: Hook['useLatestAnswer']

beforeEach(async () => {
  vi.useFakeTimers()
  vi.resetModules()
  bridge = installBridge()
  ;({ useLatestAnswer } = await import('../../src/renderer/src/lib/useLatestAnswer'))
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

/** Lets the asks' timers and the answers' continuations run inside React's act. */
const flush = () => act(() => vi.advanceTimersByTimeAsync(0))

describe('the answer to the question on screen', () => {
  it('a live page whose data changes faster than the engine answers still shows each answer in order', async () => {
    const { api } = await import('../../src/renderer/src/lib/api')
    const ask = () => api.invoke('stats.cost', { campaignId: 'c1' })
    const { result, rerender } = renderHook(
      ({ key }) => useLatestAnswer(ask, { refreshKey: key }),
      {
        initialProps: { key: 1 }
      }
    )
    await flush()
    rerender({ key: 2 })
    await flush()
    rerender({ key: 3 })
    await flush()
    const [first, second, third] = bridge.of('stats.cost')
    expect(bridge.of('stats.cost')).toHaveLength(3)
    // Asked again before the first answer came: it is still the newest one there is.
    first!.resolve({ campaignId: 'c1', note: 'after change 1' })
    await flush()
    expect(result.current.data).toMatchObject({ note: 'after change 1' })
    third!.resolve({ campaignId: 'c1', note: 'after change 3' })
    await flush()
    second!.resolve({ campaignId: 'c1', note: 'after change 2' })
    await flush()
    expect(result.current.data, 'the overtaken answer is dropped').toMatchObject({
      note: 'after change 3'
    })
  })

  it('the provider’s numbers panel asks once per change of the page, not again after each answer', async () => {
    const { ProviderNumbersPanel } =
      await import('../../src/renderer/src/features/stats/ProviderNumbersPanel')
    const refreshKey = { sent: 10 }
    render(createElement(ProviderNumbersPanel, { campaignId: 'c1', refreshKey }))
    await flush()
    bridge
      .of('stats.reconciliation')[0]!
      .resolve({ source: null, fetchedAt: null, days: [], notes: ['No records yet.'] })
    for (let i = 0; i < 5; i++) await flush()
    expect(screen.getByTestId('provider-numbers-note').textContent).toBe('No records yet.')
    expect(bridge.of('stats.reconciliation'), 'one question, one call').toHaveLength(1)
  })

  it('opt-outs: paging on before a page answered shows the page the pager is on', async () => {
    const { OptOutList } = await import('../../src/renderer/src/features/optOuts/OptOutList')
    const page = (offset: number) => ({
      total: 200,
      rows: [{ phone: `+1555000${offset}`, name: null, at: 1, source: 'keyword' }]
    })
    render(createElement(OptOutList))
    await flush()
    bridge.of('optOuts.list')[0]!.resolve(page(0))
    await flush()
    fireEvent.click(screen.getByTestId('pager-next'))
    await flush()
    fireEvent.click(screen.getByTestId('pager-next'))
    await flush()
    const [, toFifty, toHundred] = bridge.of('optOuts.list')
    expect(toHundred!.input).toMatchObject({ offset: 100 })
    toHundred!.resolve(page(100))
    await flush()
    toFifty!.resolve(page(50))
    await flush()
    expect(screen.getByTestId('opt-out-list').textContent).toContain('+1555000100')
    expect(screen.getByTestId('pager-range').textContent).toMatch(/^101–150/)
  })

  it('compose: Back from one draft to another shows the draft on screen, whatever answers last', async () => {
    const { useSessionStore } = await import('../../src/renderer/src/stores/sessionStore')
    useSessionStore.setState({ status: 'open', me: { id: 'u', name: 'Asha', role: 'admin' } })
    const { CampaignsPage } =
      await import('../../src/renderer/src/features/campaigns/CampaignsPage')
    const draft = (name: string) => ({
      id: name,
      version: 1,
      draft: {
        name,
        providerId: 'p1',
        template: { name: 'offer', language: 'en', params: [] },
        audience: { all: true },
        controlGroupPercent: 0
      }
    })
    const compose = (campaignId: string) =>
      createElement(CampaignsPage, { page: { name: 'compose', campaignId } })
    const view = render(compose('Spring'))
    await flush()
    view.rerender(compose('Summer'))
    await flush()
    bridge.answerAll('providers.list', () => ({ providers: [] }))
    bridge.answerAll('tunnel.status', () => ({ state: 'off' }))
    bridge.answerAll('contacts.properties', () => ({ properties: [] }))
    await flush()
    const [spring, summer] = bridge.of('campaigns.get')
    summer!.resolve(draft('Summer'))
    await flush()
    spring!.resolve(draft('Spring'))
    await flush()
    expect((screen.getByTestId('compose-name') as HTMLInputElement).value).toBe('Summer')
  })

  it('compose: a template sync for the account left meanwhile does not fill the list of the one chosen', async () => {
    const { useSessionStore } = await import('../../src/renderer/src/stores/sessionStore')
    useSessionStore.setState({ status: 'open', me: { id: 'u', name: 'Asha', role: 'admin' } })
    const { TemplatePicker } =
      await import('../../src/renderer/src/features/campaigns/TemplatePicker')
    const { emptyForm } = await import('../../src/renderer/src/features/campaigns/draftForm')
    const listOf = (name: string) => ({
      syncedAt: 1,
      error: null,
      templates: [
        {
          name,
          language: 'en',
          label: null,
          category: 'marketing',
          status: 'APPROVED',
          quality: null,
          parameterFormat: 'positional',
          components: { body: `${name} body` },
          variables: [],
          statusReason: null,
          categoryChangedAt: null,
          previousCategory: null,
          syncedAt: 1
        }
      ]
    })
    const picker = (providerId: string) =>
      createElement(TemplatePicker, {
        form: emptyForm(providerId),
        change: () => undefined,
        properties: []
      })
    const view = render(picker('p1'))
    await flush()
    fireEvent.click(screen.getByText('Sync list'))
    await flush()
    view.rerender(picker('p2'))
    await flush()
    const [p1Read, p2Read] = bridge.of('templates.list')
    expect(p2Read!.input).toEqual({ providerId: 'p2' })
    p2Read!.resolve(listOf('beta'))
    await flush()
    bridge.of('templates.sync')[0]!.resolve(listOf('alpha'))
    p1Read!.resolve(listOf('alpha'))
    await flush()
    expect(screen.getByTestId('template-list').textContent).toContain('beta body')
    expect(screen.queryByTestId('template-option-alpha-en')).toBeNull()
  })

  it('opt-out keywords: the keywords read on opening do not replace the ones saved meanwhile', async () => {
    const { useSessionStore } = await import('../../src/renderer/src/stores/sessionStore')
    useSessionStore.setState({ status: 'open', me: { id: 'u', name: 'Asha', role: 'admin' } })
    const { OptOutKeywords } =
      await import('../../src/renderer/src/features/optOuts/OptOutKeywords')
    render(createElement(OptOutKeywords))
    await flush()
    const box = screen.getByLabelText('Opt-out keywords') as HTMLTextAreaElement
    fireEvent.change(box, { target: { value: 'stop\nhalt' } })
    fireEvent.click(screen.getByText('Save keywords'))
    await flush()
    bridge.of('optOuts.setKeywords')[0]!.resolve({ keywords: ['stop', 'halt'] })
    await flush()
    bridge.of('optOuts.keywords')[0]!.resolve({ keywords: ['stop'] })
    await flush()
    expect(box.value).toBe('stop\nhalt')
  })
})
