import { create } from 'zustand'
import type { Events } from '../../../../shared/ipc/contract'

export type ExportProgress = Events['export.progress']

interface ExportState {
  /** Latest progress of the running export (big recipients files report every 50,000 rows). */
  progress: ExportProgress | null
  applyProgress(p: ExportProgress): void
  clear(): void
}

export const useExportStore = create<ExportState>()((set) => ({
  progress: null,
  applyProgress: (p) => set({ progress: p }),
  clear: () => set({ progress: null })
}))
