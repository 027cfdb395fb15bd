import type { Handlers, Route } from '../../shared/ipc/contract'

/** The slice of the exhaustive handler map that one domain provides. */
export type DomainHandlers<R extends Route> = Pick<Handlers, R>
