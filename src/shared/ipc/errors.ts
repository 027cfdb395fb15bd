/** Stable error codes that travel over both transports as `{code, message}`. */
export const ErrorCode = {
  invalidInput: 'invalid_input',
  notFound: 'not_found',
  unknownRoute: 'unknown_route',
  unauthorized: 'unauthorized',
  /** Signed in, but the route needs a higher role (the message names it). */
  forbidden: 'forbidden',
  /** Too many failed sign-ins from this address: wait `Retry-After` seconds. */
  rateLimited: 'rate_limited',
  conflict: 'conflict',
  invalidState: 'invalid_state',
  unavailable: 'unavailable',
  internal: 'internal'
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: unknown
}

/** Thrown by handlers; the transport turns it into an error body and an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'AppError'
  }
}

const httpStatusByCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  not_found: 404,
  unknown_route: 404,
  conflict: 409,
  invalid_state: 409,
  unavailable: 503,
  internal: 500
}

export function httpStatusOf(code: ErrorCode): number {
  return httpStatusByCode[code]
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
