/**
 * The one rule for showing what the engine answered. Each call is its own request (over HTTP),
 * so answers can arrive out of order: a slow read can land after the one asked after it, and if
 * it were shown the screen would keep a stale page or number until the next change, which may
 * never come. So an answer (or an error: a failure is an answer too) is shown only while
 *  - the question it answers is still the one on screen (`stillAsked`: the same campaign, filter,
 *    search or page), and
 *  - no answer asked after it has been shown in its slot (a live re-read of the same question
 *    that overtook it).
 * Otherwise it is dropped. A slot is what one answer fills (a section, a page, an account's
 * list); answers in different slots do not overrule each other.
 */
export interface LatestAnswers<Slot> {
  /**
   * Takes a ticket for a question about to be asked; call the returned `fresh()` when its answer
   * or error arrives: true when it may be shown (it then counts as the one shown in `slot`).
   */
  ask(slot: Slot, stillAsked?: () => boolean): () => boolean
  /**
   * A value put on screen without asking (an engine event, a sign-out, a save's own answer) is
   * newer than every answer still on its way to `slot`.
   */
  overrule(slot: Slot): void
  /**
   * `ask` for the common case: makes the call and hands `show` its answer if it may be shown. A
   * failure that may be shown is thrown to the caller; an overtaken one is not news and is dropped.
   */
  load<T>(slot: Slot, call: () => Promise<T>, show: (answer: T) => void): Promise<void>
}

export function latestAnswers<Slot = string>(): LatestAnswers<Slot> {
  let asked = 0
  const shown = new Map<Slot, number>()
  const ask = (slot: Slot, stillAsked: () => boolean = () => true): (() => boolean) => {
    const ticket = ++asked
    return () => {
      if (!stillAsked() || (shown.get(slot) ?? 0) > ticket) return false
      shown.set(slot, ticket)
      return true
    }
  }
  return {
    ask,
    overrule: (slot) => void ask(slot)(),
    async load(slot, call, show) {
      const fresh = ask(slot)
      let answer
      try {
        answer = await call()
      } catch (err) {
        if (fresh()) throw err
        return
      }
      if (fresh()) show(answer)
    }
  }
}
