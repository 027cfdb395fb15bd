import { useMemo, useState } from 'react'
import type { TemplateBubble } from '../../../../shared/ipc/routes/templates'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useTemplatesStore } from '../../stores/templatesStore'
import { toPreview, type DraftForm } from './draftForm'

/** The message as a WhatsApp bubble: header, body, footer and buttons, as one contact sees it. */
export function Bubble({ bubble }: { bubble: TemplateBubble }) {
  return (
    <figure className="wa-bubble" data-testid="wa-bubble">
      <figcaption className="muted">
        {bubble.name ?? 'no name'} · {bubble.phone}
      </figcaption>
      <div className="wa-message">
        {bubble.header?.format === 'text' && (
          <div className="wa-header" data-testid="wa-header">
            {bubble.header.text}
          </div>
        )}
        {bubble.header && bubble.header.format !== 'text' && (
          <div className="wa-media" data-testid="wa-header">
            {bubble.header.format}: {bubble.header.url ?? '(no URL)'}
          </div>
        )}
        <div className="wa-body" data-testid="wa-body">
          {bubble.body}
        </div>
        {bubble.footer && <div className="wa-footer">{bubble.footer}</div>}
      </div>
      {bubble.buttons.map((b, i) => (
        <div className="wa-button" key={i} title={b.url ?? undefined}>
          {b.text}
        </div>
      ))}
      {bubble.missing.length > 0 && (
        <div className="warn">Missing for this contact: {bubble.missing.join(', ')}</div>
      )}
    </figure>
  )
}

/** Bubbles for any chosen contact (by phone), or the first five of the audience. */
export function BubblePreview({ form }: { form: DraftForm }) {
  const [phone, setPhone] = useState('')
  const [chosen, setChosen] = useState<string | null>(null)
  const previewOf = useTemplatesStore((s) => s.preview)
  const ask = useMemo(() => {
    const draft = toPreview(form)
    if (!draft.template) return null
    return () => previewOf({ draft, ...(chosen ? { phone: chosen } : {}) })
  }, [form, chosen, previewOf])
  const { data: result, error } = useLatestAnswer(ask, { delayMs: 250 })
  return (
    <div data-testid="bubble-preview">
      <div className="row">
        <input
          placeholder="Contact phone, e.g. +919812345678"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          data-testid="bubble-phone"
        />
        <button onClick={() => setChosen(phone.trim() || null)} data-testid="bubble-show">
          Show for this contact
        </button>
        {chosen && <button onClick={() => setChosen(null)}>Sample of five</button>}
      </div>
      {error && <div className="warn">{error}</div>}
      <div className="wa-bubbles">
        {result?.bubbles.map((b) => (
          <Bubble key={b.phone} bubble={b} />
        ))}
      </div>
    </div>
  )
}
