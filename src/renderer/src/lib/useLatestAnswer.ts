import { useEffect, useState } from 'react'

/**
 * The answer to the newest question only: `ask` is called `delayMs` after it last changed (so
 * typing asks once per pause), and an answer or error to an older `ask` that arrives late is
 * dropped, so what is shown always belongs to the inputs on screen. A null `ask` clears the answer.
 * Callers memoise `ask` (useCallback/useMemo) over exactly the inputs of the question.
 */
export function useLatestAnswer<T>(ask: (() => Promise<T>) | null, delayMs = 0) {
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
        .catch((err: Error) => {
          if (current) setError(err.message)
        })
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [ask, delayMs])
  return { data, error, setData, setError }
}
