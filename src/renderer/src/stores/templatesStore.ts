import { create } from 'zustand'
import type { Input, Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'
import { latestAnswers } from '../lib/latestAnswers'

type TemplateList = Output<'templates.list'>

interface TemplatesState {
  /** Each account's last answered list, so a sync shows at once wherever the list is open. */
  lists: Record<string, TemplateList | undefined>
  /** The stored list (synced earlier); see `sync` for asking the provider again. */
  list(providerId: string): Promise<TemplateList>
  /** Asks the provider for its templates now; on failure the answer keeps the last list. */
  sync(providerId: string): Promise<TemplateList>
  /** Bubbles of the draft's message for one contact (by phone) or the audience's first five. */
  preview(input: Input<'templates.preview'>): Promise<Output<'templates.preview'>>
}

/** Templates synced from each provider account and the message preview built from them. */
export const useTemplatesStore = create<TemplatesState>()((set) => {
  // A stored list read before a sync can answer after it: per account, an answer overtaken by a
  // newer one is not kept (see latestAnswers). The caller still gets the answer it asked for.
  const answers = latestAnswers<string>()
  const keep = async (providerId: string, call: () => Promise<TemplateList>) => {
    const fresh = answers.ask(providerId)
    const list = await call()
    if (fresh()) set((s) => ({ lists: { ...s.lists, [providerId]: list } }))
    return list
  }
  return {
    lists: {},
    list: (providerId) => keep(providerId, () => api.invoke('templates.list', { providerId })),
    sync: (providerId) => keep(providerId, () => api.invoke('templates.sync', { providerId })),
    preview: (input) => api.invoke('templates.preview', input)
  }
})
