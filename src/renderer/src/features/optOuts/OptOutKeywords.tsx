import { useEffect, useState } from 'react'
import { errorMessage } from '../../lib/errors'
import { latestAnswers } from '../../lib/latestAnswers'
import { useSettingsStore } from '../../stores/settingsStore'
import { GuardedButton } from '../../components/GuardedButton'

/** Settings: the replies that count as "stop marketing messages" (whole text, any case). */
export function OptOutKeywords() {
  const [text, setText] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { keywords: load, setKeywords } = useSettingsStore()
  // The keywords read on opening can answer after a save did: the saved ones stay (latestAnswers).
  const [answers] = useState(() => latestAnswers<'keywords'>())
  useEffect(() => {
    answers
      .load('keywords', load, (keywords) => setText(keywords.join('\n')))
      .catch((e: unknown) => setError(errorMessage(e)))
  }, [answers, load])

  async function save(): Promise<void> {
    setError(null)
    try {
      const keywords = text.split('\n').filter((k) => k.trim())
      await answers.load(
        'keywords',
        () => setKeywords(keywords),
        (saved) => {
          setText(saved.join('\n'))
          setSaved(`Saved ${saved.length} keywords.`)
        }
      )
    } catch (e) {
      setError(errorMessage(e))
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
        <GuardedButton route="optOuts.setKeywords" type="button" onClick={() => void save()}>
          Save keywords
        </GuardedButton>
        {saved && <span className="ok">{saved}</span>}
        {error && <span className="error">{error}</span>}
      </div>
    </div>
  )
}
