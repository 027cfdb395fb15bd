import type { ChangeEvent } from 'react'
import type { Change } from './ComposeSections'
import type { DraftForm } from './draftForm'

type FieldsOf<T> = { [K in keyof DraftForm]: DraftForm[K] extends T ? K : never }[keyof DraftForm]

/**
 * Input props bound to one field of the compose form: `<input {...bind.text('limit')} />` shows
 * the field and writes every edit back through `change`.
 */
export function bindForm(form: DraftForm, change: Change) {
  return {
    text: (field: FieldsOf<string>) => ({
      value: form[field],
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
        change({ [field]: e.target.value })
    }),
    checkbox: (field: FieldsOf<boolean>) => ({
      type: 'checkbox',
      checked: form[field],
      onChange: (e: ChangeEvent<HTMLInputElement>) => change({ [field]: e.target.checked })
    })
  }
}
