import type { Caller } from '../../shared/ipc/roles'
import type { AuditEntry } from '../../shared/ipc/routes/users'
import type { AuditRepo } from '../db/repos/auditRepo'
import type { Clock } from '../kernel/kernel'

const DEFAULT_PAGE = 100
const TARGET_FIELDS = ['id', 'campaignId', 'providerId'] as const

/** The id a call was about: its input's id, campaignId or providerId, else the id it created. */
export function targetIdOf(input: unknown, output?: unknown): string | null {
  for (const source of [input, output]) {
    if (typeof source !== 'object' || source === null) continue
    for (const field of TARGET_FIELDS) {
      const value = (source as Record<string, unknown>)[field]
      if (typeof value === 'string' && value) return value.slice(0, 200)
    }
  }
  return null
}

export interface AuditRecord {
  caller: Caller | null
  route: string
  input: unknown
  output?: unknown
  outcome: AuditEntry['outcome']
  code: string | null
}

/** The audit log (issue #22): one INSERT per audited call, read newest first by pages. */
export function createAuditLog(repo: AuditRepo, clock: Clock) {
  return {
    record({ caller, route, input, output, outcome, code }: AuditRecord): void {
      repo.insert({
        at: clock.now(),
        userId: caller?.id ?? null,
        user: caller?.name ?? null,
        route: route.slice(0, 100),
        targetId: targetIdOf(input, output),
        outcome,
        code
      })
    },

    list(limit = DEFAULT_PAGE, before?: number) {
      // One more than asked tells whether an older page exists.
      const rows = repo.page(before ?? Number.MAX_SAFE_INTEGER, limit + 1)
      const entries = rows.slice(0, limit)
      return {
        entries,
        nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null
      }
    }
  }
}
export type AuditLog = ReturnType<typeof createAuditLog>
