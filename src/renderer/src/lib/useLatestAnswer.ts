import { useEffect, useState } from 'react'

/**
 * The answer to the newest question only: `ask` is called `delayMs` after it last changed (so
 * typing asks once per pause), and an answer or error to an older `ask` that arrives late is
 * dropped, so what is shown always belongs to the inputs on screen. A null `ask` clears the answer.
 * Callers memoise `ask` (useCallback/useMemo) over exactly the inputs of the question; a change
 * of `refreshKey` asks the same question again (the data behind it changed).
 */
export function useLatestAnswer<T>(
  ask: (() => Promise<T>) | null,
  { delayMs = 0, refreshKey }: { delayMs?: number; refreshKey?: unknown } = {}
) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      if (!ask) return setData(null)
      ask()
        .then((answer) => {
          if (!current) return
          setData(answer)
          setError(null)
        })
        .catch((err: unknown) => {
          if (current) setError(err instanceof Error ? err.message : String(err))
        })
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [ask, delayMs, refreshKey])
  return { data, error, setData, setError }
}
