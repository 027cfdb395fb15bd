import { useEffect, useState } from 'react'
import { api } from '../../lib/api'

/** Settings: the replies that count as "stop marketing messages" (whole text, any case). */
export function OptOutKeywords() {
  const [text, setText] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void api.invoke('optOuts.keywords', {}).then((r) => setText(r.keywords.join('\n')))
  }, [])

  async function save(): Promise<void> {
    setError(null)
    try {
      const keywords = text.split('\n').filter((k) => k.trim())
      const r = await api.invoke('optOuts.setKeywords', { keywords })
      setText(r.keywords.join('\n'))
      setSaved(`Saved ${r.keywords.length} keywords.`)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div className="panel" data-testid="opt-out-keywords">
      <h2>Opt-out keywords</h2>
      <p className="muted">
        A reply whose whole text is one of these (any case) stops marketing messages to its sender,
        still counts as a reply, and counts as Opted out for the campaign it answers. One per line.
      </p>
      <textarea
        rows={4}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setSaved(null)
        }}
        aria-label="Opt-out keywords"
        style={{ width: '100%', maxWidth: 360 }}
      />
      <div className="row">
        <button type="button" onClick={() => void save()}>
          Save keywords
        </button>
        {saved && <span className="ok">{saved}</span>}
        {error && <span className="error">{error}</span>}
      </div>
    </div>
  )
}
