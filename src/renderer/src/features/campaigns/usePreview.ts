import { useEffect, useState } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import { api } from '../../lib/api'
import { toPreview, type DraftForm } from './draftForm'

export type Preview = Output<'campaigns.preview'>

/**
 * The engine's preview of the draft being edited, asked 250 ms after the last change. An answer
 * to an older draft is dropped when it arrives late: the preview always describes the form shown.
 */
export function usePreview(form: DraftForm, delayMs = 250) {
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      api
        .invoke('campaigns.preview', { draft: toPreview(form) })
        .then((p) => {
          if (!current) return
          setPreview(p)
          setError(null)
        })
        .catch((err: Error) => {
          if (current) setError(err.message)
        })
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [form, delayMs])
  return { preview, error, setError }
}
