import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { DomainHandlers } from './types'

const NOT_HERE =
  'Connecting to a team server is done in the desktop app (Settings); this engine answers its own calls'

/** The desktop shell answers team.* before a call reaches any engine; an engine says so. */
export function teamHandlers(): DomainHandlers<'team.status' | 'team.connect' | 'team.disconnect'> {
  const refuse = (): never => {
    throw new AppError(ErrorCode.unavailable, NOT_HERE)
  }
  return { 'team.status': refuse, 'team.connect': refuse, 'team.disconnect': refuse }
}
