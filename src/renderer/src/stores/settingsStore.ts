import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'
import { latestAnswers } from '../lib/latestAnswers'

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

// The currency is read on opening and answered by each change, the backups read after each backup
// or restore: an answer overtaken by a newer one is dropped (see latestAnswers).
const answers = latestAnswers<'currency' | 'info' | 'backups'>()

/** The installation: version and data folder, backups, and who opted out by which keyword. */
export const useSettingsStore = create<SettingsState>()((set) => ({
  info: null,
  currency: null,
  loadCurrency: () =>
    answers.load(
      'currency',
      () => api.invoke('system.currency', {}),
      ({ currency }) => set({ currency })
    ),
  setCurrency: (currency) =>
    answers.load(
      'currency',
      () => api.invoke('system.setCurrency', { currency }),
      (saved) => set({ currency: saved.currency })
    ),
  backups: null,
  loadInfo: () =>
    answers.load(
      'info',
      () => api.invoke('system.info', {}),
      (info) => set({ info })
    ),
  loadBackups: () =>
    answers.load(
      'backups',
      () => api.invoke('data.backups', {}),
      (backups) => set({ backups })
    ),
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
