import { useRef, useState } from 'react'

/**
 * Copies `text` with the Clipboard API; where that is unavailable (plain http, denied permission)
 * it selects the text in a read-only field so the operator can press Ctrl/Cmd+C.
 */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle')
  const field = useRef<HTMLInputElement>(null)

  async function copy(): Promise<void> {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(text)
      setState('copied')
      setTimeout(() => setState('idle'), 2000)
    } catch {
      setState('manual')
      requestAnimationFrame(() => field.current?.select())
    }
  }

  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()} data-testid={testId}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'manual' && (
        <input
          ref={field}
          readOnly
          value={text}
          onFocus={(e) => e.target.select()}
          aria-label="Press Ctrl+C or Cmd+C to copy"
          title="Press Ctrl+C or Cmd+C to copy"
          data-testid={testId ? `${testId}-manual` : undefined}
        />
      )}
    </span>
  )
}
