import { useCallback } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useCampaignsStore } from '../../stores/campaignsStore'
import { toPreview, type DraftForm } from './draftForm'

export type Preview = Output<'campaigns.preview'>

/**
 * The engine's preview of the draft being edited, asked 250 ms after the last change. An answer
 * to an older draft is dropped when it arrives late: the preview always describes the form shown.
 */
export function usePreview(form: DraftForm, delayMs = 250) {
  const previewOf = useCampaignsStore((s) => s.preview)
  const ask = useCallback(() => previewOf(toPreview(form)), [previewOf, form])
  const { data: preview, error, setError } = useLatestAnswer(ask, { delayMs })
  return { preview, error, setError }
}
