import type { SendOutcome } from '../providers/types'
import { templateSendPauseReason } from '../templates/pauseOnTemplate'

type Rejected = Extract<SendOutcome, { kind: 'rejected' }>

/** Consecutive final failures that trip the breaker. */
export const BURST_CONSECUTIVE = 20
/** Share of failures among the last `WINDOW` final outcomes that trips it. */
export const BURST_SHARE = 0.5
export const WINDOW = 50

/**
 * Watches final outcomes of one campaign run. Auth failures trip at once (every further request
 * would fail the same way); otherwise a burst of failures trips it, so a broken provider pauses
 * the campaign instead of burning through the audience.
 */
export class CircuitBreaker {
  private consecutive = 0
  private window: boolean[] = []
  private failures = 0

  success(): void {
    this.consecutive = 0
    this.push(false)
  }

  /** Returns the pause reason when this failure trips the breaker. */
  failure(outcome: Rejected): string | null {
    if (outcome.reason === 'auth_failed') return authReason(outcome)
    const template = templateSendPauseReason(outcome.providerCode, outcome.providerMessage)
    if (template) return template
    this.consecutive++
    this.push(true)
    const last = describe(outcome)
    if (this.consecutive >= BURST_CONSECUTIVE)
      return `Paused after ${this.consecutive} failed messages in a row (last: ${last}). Check the provider, then resume.`
    if (this.window.length >= WINDOW && this.failures / this.window.length >= BURST_SHARE)
      return `Paused: ${this.failures} of the last ${this.window.length} messages failed (last: ${last}). Check the provider, then resume.`
    return null
  }

  private push(failed: boolean): void {
    this.window.push(failed)
    if (failed) this.failures++
    if (this.window.length > WINDOW && this.window.shift()) this.failures--
  }
}

export function authReason(outcome: Rejected): string {
  const detail = [
    outcome.providerMessage,
    outcome.providerCode ? `code ${outcome.providerCode}` : null
  ]
    .filter(Boolean)
    .join(', ')
  return `Provider rejected the credentials (401): ${detail || 'unauthorized'}. Fix them in Providers, then resume.`
}

function describe(o: Rejected): string {
  const extra = [o.providerCode, o.providerMessage].filter(Boolean).join(' ')
  return extra ? `${o.reason}, ${extra.slice(0, 160)}` : o.reason
}
