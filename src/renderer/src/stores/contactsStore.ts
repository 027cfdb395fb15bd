import { create } from 'zustand'
import type { Contact } from '../../../shared/ipc/routes/contacts'
import { api } from '../lib/api'
import { errorMessage } from '../lib/errors'
import { latestAnswers } from '../lib/latestAnswers'

export interface ImportReport {
  kind: 'contacts' | 'events'
  fileName: string
  imported: number
  updated: number
  rejected: { line: number; reason: string }[]
}

interface ContactsState {
  rows: Contact[]
  total: number
  /** The total is a lower bound (a search counts up to 10,000 matches). */
  totalAtLeast: boolean
  search: string
  /** Where the shown page starts in the list (for "51–100 of …"); pages go by key. */
  offset: number
  /** The `after` of each page up to the shown one (the first page's is undefined). */
  cursors: (string | undefined)[]
  next: string | null
  pageSize: number
  loading: boolean
  importing: { kind: 'contacts' | 'events'; fileName: string; ratio: number } | null
  lastImport: ImportReport | null
  error: string | null
  load(): Promise<void>
  setSearch(search: string): void
  /** The next page (+1) or the previous one (-1). */
  turnPage(step: 1 | -1): void
  importFile(kind: 'contacts' | 'events', file: File, defaultCountry?: string): Promise<void>
  applyProgress(kind: 'contacts' | 'events', ratio: number): void
  /** Names of the contact properties imported so far (audience filters, template variables). */
  properties(): Promise<string[]>
  /** Per example value, the contact property that holds it (template variable suggestions). */
  suggestProperties(examples: string[]): Promise<(string | null)[]>
}

// Typing asks per keystroke and paging per click; a reload follows each import. An answer to a
// search or page left meanwhile, or overtaken by a newer one, is dropped (see latestAnswers).
const answers = latestAnswers<'page'>()

export const useContactsStore = create<ContactsState>()((set, get) => ({
  rows: [],
  total: 0,
  totalAtLeast: false,
  search: '',
  offset: 0,
  cursors: [undefined],
  next: null,
  pageSize: 50,
  loading: false,
  importing: null,
  lastImport: null,
  error: null,
  async load() {
    const { search, cursors, pageSize } = get()
    const after = cursors[cursors.length - 1]
    const fresh = answers.ask('page', () => {
      const now = get()
      return now.search === search && now.cursors[now.cursors.length - 1] === after
    })
    set({ loading: true })
    try {
      const page = await api.invoke('contacts.list', {
        search: search || undefined,
        after,
        limit: pageSize
      })
      if (!fresh()) return
      set({
        rows: page.rows,
        total: page.total,
        totalAtLeast: page.totalAtLeast,
        next: page.next,
        loading: false,
        error: null
      })
    } catch (err) {
      if (fresh()) set({ loading: false, error: errorMessage(err) })
    }
  },
  setSearch(search) {
    set({ search, offset: 0, cursors: [undefined] })
    void get().load()
  },
  turnPage(step) {
    const { cursors, next, offset, pageSize } = get()
    if (step === 1 && next !== null) set({ cursors: [...cursors, next], offset: offset + pageSize })
    else if (step === -1 && cursors.length > 1)
      set({ cursors: cursors.slice(0, -1), offset: Math.max(0, offset - pageSize) })
    else return
    void get().load()
  },
  async importFile(kind, file, defaultCountry) {
    set({ importing: { kind, fileName: file.name, ratio: 0 }, error: null })
    try {
      const csv = await file.text()
      const result =
        kind === 'contacts'
          ? await api.invoke('contacts.import', { csv, defaultCountry })
          : { updated: 0, ...(await api.invoke('events.import', { csv })) }
      set({ lastImport: { kind, fileName: file.name, ...result }, importing: null })
      await get().load()
    } catch (err) {
      set({ importing: null, error: errorMessage(err) })
    }
  },
  properties: async () => (await api.invoke('contacts.properties', {})).properties,
  suggestProperties: async (examples) =>
    (await api.invoke('contacts.suggestProperties', { examples })).properties,
  applyProgress(kind, ratio) {
    const importing = get().importing
    if (importing?.kind === kind) set({ importing: { ...importing, ratio } })
  }
}))
