import { useEffect, useState } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import type { TemplateBubble } from '../../../../shared/ipc/routes/templates'
import { api } from '../../lib/api'
import { toPreview, type DraftForm } from './draftForm'

type Bubbles = Output<'templates.preview'>

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
  const [result, setResult] = useState<Bubbles | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const draft = toPreview(form)
    let current = true
    const timer = setTimeout(() => {
      if (!draft.template) return setResult(null)
      api
        .invoke('templates.preview', { draft, ...(chosen ? { phone: chosen } : {}) })
        .then((r) => {
          if (!current) return
          setResult(r)
          setError(null)
        })
        .catch((err: Error) => current && setError(err.message))
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [form, chosen])
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
