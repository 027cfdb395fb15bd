import { create } from 'zustand'
import type { Input, Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'
import { downloadPrepared } from '../lib/download'
import { latestAnswers } from '../lib/latestAnswers'

type Before = Input<'audit.list'>['before']
export type AuditEntry = Output<'audit.list'>['entries'][number]

export const AUDIT_PAGE_SIZE = 50

interface AuditState {
  entries: AuditEntry[] | null
  /** The cursor of the next (older) page; null on the oldest. */
  nextBefore: Before | null
  /** The cursors the pages before this one were read with, newest first: Newer walks them back. */
  newer: Before[]
  current: Before
  /** The newest page. */
  load(): Promise<void>
  older(): Promise<void>
  newerPage(): Promise<void>
  /** The whole log as CSV: saved where the user picks (desktop) or downloaded (browser). */
  exportCsv(): Promise<string | null>
}

/** The audit export's route on this transport (the desktop saves, the browser downloads). */
export const AUDIT_EXPORT_ROUTE =
  api.transport === 'electron' ? 'audit.export' : 'audit.prepareDownload'

/** The audit log (admins only), newest first, paged by the engine's `before` cursor. */
export const useAuditStore = create<AuditState>()((set, get) => {
  // Newest, Older and Newer can be pressed while a page is on its way: the page last asked for is
  // the one shown, whichever answers last (see latestAnswers).
  const answers = latestAnswers<'page'>()
  async function show(before: Before, newer: Before[]): Promise<void> {
    await answers.load(
      'page',
      () => api.invoke('audit.list', { limit: AUDIT_PAGE_SIZE, before }),
      (page) =>
        set({ entries: page.entries, nextBefore: page.nextBefore ?? null, current: before, newer })
    )
  }
  return {
    entries: null,
    nextBefore: null,
    newer: [],
    current: undefined,
    load: () => show(undefined, []),
    async older() {
      const { nextBefore, newer, current } = get()
      if (nextBefore !== null) await show(nextBefore, [...newer, current])
    },
    async newerPage() {
      const { newer } = get()
      if (newer.length) await show(newer[newer.length - 1], newer.slice(0, -1))
    },
    async exportCsv() {
      if (api.transport === 'electron') {
        const choice = await api.invoke('reports.chooseSavePath', {
          defaultName: 'tickboard-audit-log.csv',
          format: 'csv'
        })
        if (!choice.path) return null
        const out = await api.invoke('audit.export', {
          path: choice.path,
          overwrite: choice.replaces
        })
        return `Saved ${out.path}`
      }
      const ready = await api.invoke('audit.prepareDownload', {})
      downloadPrepared(ready.token, ready.fileName)
      return `Downloading ${ready.fileName}`
    }
  }
})
