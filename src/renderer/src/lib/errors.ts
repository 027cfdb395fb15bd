import { ErrorCode } from '../../../shared/ipc/errors'
import { ApiError } from './api'

export { ErrorCode }

/** The one way the renderer turns a failure into text for the operator. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return typeof err === 'string' ? err : String(err)
}

/** Whether a failure is the engine's answer with this shared `ErrorCode` (never compare text). */
export function hasCode(err: unknown, code: ErrorCode): err is ApiError {
  return err instanceof ApiError && err.code === code
}
