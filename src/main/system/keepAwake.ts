import type { Events } from '../../shared/ipc/contract'
import type { EventListener } from '../kernel/events'
import type { Kernel } from '../kernel/kernel'
import { REPORTS_WINDOW_MS, type KeepAwakeRepo } from '../db/repos/keepAwakeRepo'

export type KeepAwake = Events['system.keepAwake']

/** Decided again at most this often on engine events, and at least this often anyway. */
const SETTLE_MS = 1000
const EVERY_MS = 60_000

/**
 * Whether the desktop must keep the computer from suspending (issue #19): while a campaign sends,
 * or reports of a recent campaign are still to come (an asleep laptop loses its callbacks). The
 * engine decides; the desktop shell only follows `system.keepAwake` (electron/keepAwake.ts).
 */
export function createKeepAwakeService(
  kernel: Pick<Kernel, 'emit' | 'clock'>,
  repo: KeepAwakeRepo,
  /** Every engine event: campaigns and reports change the decision. */
  subscribe: (listener: EventListener) => () => void
) {
  let last: KeepAwake | null = null
  let timer: NodeJS.Timeout | null = null
  let pending: NodeJS.Timeout | null = null
  let unsubscribe: (() => void) | null = null

  function decide(): KeepAwake {
    if (repo.sending()) return { keepAwake: true, reason: 'A campaign is sending.' }
    // The engine's clock, as a campaign's completed_at is.
    const awaiting = repo.awaitingReports(kernel.clock.now() - REPORTS_WINDOW_MS)
    if (awaiting > 0)
      return {
        keepAwake: true,
        reason: `${awaiting} delivery ${awaiting === 1 ? 'report is' : 'reports are'} still to come.`
      }
    return { keepAwake: false, reason: null }
  }

  function check(): void {
    pending = null
    const next = decide()
    if (last?.keepAwake === next.keepAwake && last.reason === next.reason) return
    last = next
    kernel.emit('system.keepAwake', next)
  }

  return {
    state: (): KeepAwake => (last = decide()),
    start(): void {
      check()
      timer = setInterval(check, EVERY_MS)
      unsubscribe = subscribe((name) => {
        if (name !== 'campaign.progress' && name !== 'stats.changed') return
        pending ??= setTimeout(check, SETTLE_MS)
      })
    },
    stop(): void {
      unsubscribe?.()
      if (timer) clearInterval(timer)
      if (pending) clearTimeout(pending)
      timer = pending = null
    }
  }
}
export type KeepAwakeService = ReturnType<typeof createKeepAwakeService>
