import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'

type Info = Output<'system.info'>
type Backups = Output<'data.backups'>
type OptOutPage = Output<'optOuts.list'>

interface SettingsState {
  info: Info | null
  /** The default revenue currency (ISO 4217) once loaded. */
  currency: string | null
  loadCurrency(): Promise<void>
  setCurrency(currency: string): Promise<void>
  backups: Backups | null
  loadInfo(): Promise<void>
  loadBackups(): Promise<void>
  backup(): Promise<Output<'data.backup'>>
  restore(name: string): Promise<Output<'data.restore'>>
  keywords(): Promise<string[]>
  setKeywords(keywords: string[]): Promise<string[]>
  optOuts(offset: number, limit: number): Promise<OptOutPage>
  optOutsCsv(): Promise<string>
  /** Start at login (desktop app): read, or set when given a value. */
  loginItem(openAtLogin?: boolean): Promise<Output<'system.loginItem'>>
}

/** The installation: version and data folder, backups, and who opted out by which keyword. */
export const useSettingsStore = create<SettingsState>()((set) => ({
  info: null,
  currency: null,
  async loadCurrency() {
    set({ currency: (await api.invoke('system.currency', {})).currency })
  },
  async setCurrency(currency) {
    set({ currency: (await api.invoke('system.setCurrency', { currency })).currency })
  },
  backups: null,
  async loadInfo() {
    set({ info: await api.invoke('system.info', {}) })
  },
  async loadBackups() {
    set({ backups: await api.invoke('data.backups', {}) })
  },
  backup: () => api.invoke('data.backup', {}),
  restore: (name) => api.invoke('data.restore', { name }),
  keywords: async () => (await api.invoke('optOuts.keywords', {})).keywords,
  setKeywords: async (keywords) => (await api.invoke('optOuts.setKeywords', { keywords })).keywords,
  optOuts: (offset, limit) => api.invoke('optOuts.list', { offset, limit }),
  optOutsCsv: async () => (await api.invoke('optOuts.csv', {})).csv,
  loginItem: (openAtLogin) =>
    openAtLogin === undefined
      ? api.invoke('system.loginItem', {})
      : api.invoke('system.setLoginItem', { openAtLogin })
}))
