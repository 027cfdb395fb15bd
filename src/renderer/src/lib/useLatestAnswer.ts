import { useEffect, useRef, useState } from 'react'
import { errorMessage } from './errors'
import { latestAnswers } from './latestAnswers'

/**
 * The answer to the question on screen, by the rule of `latestAnswers`: `ask` is called `delayMs`
 * after it last changed (so typing asks once per pause); an answer or error to an earlier `ask`
 * is dropped, so what is shown always belongs to the inputs on screen, and so is one overtaken by
 * a newer answer to the same `ask`. A null `ask` clears the answer. Callers memoise `ask`
 * (useCallback/useMemo) over exactly the inputs of the question; a change of `refreshKey` asks
 * the same question again (the data behind it changed): the answers of a live page then show in
 * the order they were asked, none waiting for the last one.
 */
export function useLatestAnswer<T>(
  ask: (() => Promise<T>) | null,
  { delayMs = 0, refreshKey }: { delayMs?: number; refreshKey?: unknown } = {}
) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [answers] = useState(() => latestAnswers<'answer'>())
  const asking = useRef(ask)
  useEffect(() => {
    asking.current = ask
    const timer = setTimeout(() => {
      if (!ask) return setData(null)
      const fresh = answers.ask('answer', () => asking.current === ask)
      ask()
        .then((answer) => {
          if (!fresh()) return
          setData(answer)
          setError(null)
        })
        .catch((err: unknown) => {
          if (fresh()) setError(errorMessage(err))
        })
    }, delayMs)
    return () => clearTimeout(timer)
  }, [answers, ask, delayMs, refreshKey])
  return { data, error, setData, setError }
}
