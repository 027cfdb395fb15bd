import { create } from 'zustand'
import type { Contact } from '../../../shared/ipc/routes/contacts'
import { api } from '../lib/api'
import { errorMessage } from '../lib/errors'

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
  search: string
  offset: number
  pageSize: number
  loading: boolean
  importing: { kind: 'contacts' | 'events'; fileName: string; ratio: number } | null
  lastImport: ImportReport | null
  error: string | null
  load(): Promise<void>
  setSearch(search: string): void
  setOffset(offset: number): void
  importFile(kind: 'contacts' | 'events', file: File, defaultCountry?: string): Promise<void>
  applyProgress(kind: 'contacts' | 'events', ratio: number): void
  /** Names of the contact properties imported so far (audience filters, template variables). */
  properties(): Promise<string[]>
}

export const useContactsStore = create<ContactsState>()((set, get) => ({
  rows: [],
  total: 0,
  search: '',
  offset: 0,
  pageSize: 50,
  loading: false,
  importing: null,
  lastImport: null,
  error: null,
  async load() {
    const { search, offset, pageSize } = get()
    set({ loading: true })
    try {
      const page = await api.invoke('contacts.list', {
        search: search || undefined,
        offset,
        limit: pageSize
      })
      set({ rows: page.rows, total: page.total, loading: false, error: null })
    } catch (err) {
      set({ loading: false, error: errorMessage(err) })
    }
  },
  setSearch(search) {
    set({ search, offset: 0 })
    void get().load()
  },
  setOffset(offset) {
    set({ offset })
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
  applyProgress(kind, ratio) {
    const importing = get().importing
    if (importing?.kind === kind) set({ importing: { ...importing, ratio } })
  }
}))
