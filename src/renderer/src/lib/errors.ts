import { ErrorCode } from '../../../shared/ipc/errors'
import { ApiError } from './api'

export { ErrorCode }

/** The one way the renderer turns a failure into text for the operator. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return typeof err === 'string' ? err : String(err)
}

/** No answer from the engine at all (it stopped, or the connection is down). */
export function isUnreachable(err: unknown): boolean {
  return (
    hasCode(err, ErrorCode.unavailable) &&
    (err.details as { unreachable?: unknown } | undefined)?.unreachable === true
  )
}

/** Whether a failure is the engine's answer with this shared `ErrorCode` (never compare text). */
export function hasCode(err: unknown, code: ErrorCode): err is ApiError {
  return err instanceof ApiError && err.code === code
}
