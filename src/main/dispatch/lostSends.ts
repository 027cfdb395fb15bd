import type { ApplyStatus } from '../callbacks/applyStatus'
import type { LostSendRow, MessageRepo } from '../db/repos/messageRepo'
import type { Kernel } from '../kernel/kernel'
import type { ProviderAccounts } from '../providers/providerAccounts'
import type { AdapterRegistry } from '../providers/registry'
import type { ProviderRecord } from '../providers/types'

/** What the lookups read and write: the messages, and the accounts and adapters to ask. */
export interface LostSendStores {
  messages: Pick<
    MessageRepo,
    'settleLostSend' | 'knowsProviderId' | 'lostSends' | 'campaignsWithLostSends'
  >
  providers: Pick<ProviderAccounts, 'find'>
  adapterFor: AdapterRegistry
}

export interface LostSendOptions {
  /** How long after the attempt the provider's records are still asked (default 30 min). */
  deadlineMs?: number
  /** The one status applier (callbacks/applyStatus), built once by the composition root. */
  applyStatus: ApplyStatus
}

export const DEFAULT_LOST_SEND_DEADLINE_MS = 30 * 60_000
/** Ages (shares of the deadline) at which a lost send is looked up: soon, then less and less often. */
const LOOKUP_AGES = [0.005, 0.02, 0.07, 0.2, 0.5, 1]
/** Lost sends looked up per campaign and pass (a provider outage can lose many at once). */
const PER_PASS = 200

/**
 * Settles sends whose answer was lost (outcome unknown, spec §3) from the provider's own
 * records, where it keeps them (Twilio's Messages list, Infobip's logs: `findLostSends`). Each
 * lost send is looked up a few times, at growing ages up to the deadline, never re-sent: a record
 * that is exactly one message we do not already know settles it as sent, with the provider's id
 * and its status now (through the one status applier). Meta and Gupshup keep no such records:
 * there a callback carrying our id settles it (applyStatus), or it stays "outcome unknown".
 */
export function createLostSendService(
  kernel: Kernel,
  stores: LostSendStores,
  options: LostSendOptions
) {
  const { messages } = stores
  const deadlineMs = options.deadlineMs ?? DEFAULT_LOST_SEND_DEADLINE_MS
  const everyMs = Math.min(5000, Math.max(50, deadlineMs / 100))
  const applyStatus = options.applyStatus
  const abort = new AbortController()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  /**
   * Per campaign, when its last successful pass began: a send is due when one of its lookup ages
   * falls after that. A pass the provider failed does not count, so its lookups come again.
   */
  const lastPassAt = new Map<string, number>()

  function due(attemptAt: number, now: number, last: number): boolean {
    const age = now - attemptAt
    const before = last - attemptAt
    return LOOKUP_AGES.some((share) => {
      const at = share * deadlineMs
      return at <= age && at > before
    })
  }

  const settle = (row: LostSendRow, record: ProviderRecord): boolean =>
    messages.settleLostSend(row, record.providerMessageId, () => {
      if (record.status)
        applyStatus({ ...record.status, ourId: row.our_id }, row.provider_id, null, 'lookup')
    })

  async function lookUp(campaignId: string, now: number): Promise<boolean> {
    // Since the previous pass began, less the deadline: a send whose deadline passed while a slow
    // pass ran still gets its last lookup.
    const last = lastPassAt.get(campaignId) ?? 0
    const since = (last > 0 ? last : now) - deadlineMs
    const rows = messages
      .lostSends(campaignId, since, PER_PASS)
      .filter((r) => due(r.dispatched_at, now, last))
    if (rows.length === 0) return false
    const account = stores.providers.find(rows[0]!.provider_id)
    const adapter = account && stores.adapterFor(account.type)
    if (!account || !adapter?.findLostSends) return false
    const sends = rows.map((r) => ({ ourId: r.our_id, to: r.phone, attemptAt: r.dispatched_at }))
    const found = await adapter.findLostSends(account, sends, abort.signal)
    let settled = 0
    for (const row of rows) {
      const fresh = (found.get(row.our_id) ?? []).filter(
        (r) => !messages.knowsProviderId(row.provider_id, r.providerMessageId)
      )
      // Two messages we cannot tell apart settle nothing: better unknown than a wrong id.
      if (fresh.length === 1 && settle(row, fresh[0]!)) settled++
    }
    return settled > 0
  }

  async function pass(): Promise<void> {
    // The engine's clock, as the requests' times (dispatch/writer) are.
    const now = kernel.clock.now()
    for (const campaignId of messages.campaignsWithLostSends()) {
      if (abort.signal.aborted) return
      try {
        if (await lookUp(campaignId, now)) kernel.emit('stats.changed', { campaignId })
        lastPassAt.set(campaignId, now)
      } catch (err) {
        if (abort.signal.aborted) return
        // Unreachable or refusing: logged, and the same lookups are due again at the next pass.
        kernel.log(`lost sends: looking up campaign ${campaignId} failed`, err)
      }
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = null
        if (!abort.signal.aborted) schedule()
      })
    }, everyMs)
  }

  return {
    deadlineMs,
    start(): void {
      schedule()
    },
    async stop(): Promise<void> {
      abort.abort(new Error('engine closing'))
      if (timer) clearTimeout(timer)
      await running
    }
  }
}
export type LostSendService = ReturnType<typeof createLostSendService>
