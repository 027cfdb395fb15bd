import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'users.me'
  | 'users.create'
  | 'users.list'
  | 'users.revoke'
  | 'audit.list'
  | 'audit.export'
  | 'audit.prepareDownload'

export function userHandlers({ users, audit, reports }: EngineServices): DomainHandlers<Routes> {
  return {
    'users.me': (_, caller) => users.me(caller),
    'users.create': (i, caller) => users.create(caller, i.name, i.role),
    'users.list': () => users.list(),
    'users.revoke': (i) => users.revoke(i.id),
    'audit.list': (i) => audit.list(i.limit, i.before),
    'audit.export': (i) => reports.exportAudit(i),
    'audit.prepareDownload': (_, caller) => reports.prepareAuditDownload(caller.id)
  }
}
