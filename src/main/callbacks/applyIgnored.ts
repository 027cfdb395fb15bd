import type { CallbackIgnoredRepo } from '../db/repos/callbackIgnoredRepo'

/** Samples kept per provider and reason (the counters are kept forever). */
export const IGNORED_SAMPLES_PER_REASON = 3

/**
 * Counts an item that was acknowledged but not understood (`callbacks.health.ignored`) and keeps
 * its newest few samples per reason. It touches no message state: only diagnostics.
 */
export function createIgnoredRecorder(ignored: CallbackIgnoredRepo) {
  return function record(
    reason: string,
    excerpt: string,
    ctx: { providerId: string; inboxId: number; receivedAt: number }
  ): void {
    ignored.record(
      {
        providerId: ctx.providerId,
        reason,
        at: ctx.receivedAt,
        inboxId: ctx.inboxId,
        sample: excerpt
      },
      IGNORED_SAMPLES_PER_REASON
    )
  }
}
