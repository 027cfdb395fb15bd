import { AppError, ErrorCode, type ErrorBody, type Result } from '../../shared/ipc/errors'
import { isRoute, routes, type Handlers, type Route } from '../../shared/ipc/contract'
import { describeIssues, readableIssues } from '../../shared/ipc/inputIssues'

/**
 * The one entry point both transports call: checks the route, validates the input against the
 * contract's zod schema, runs the handler and turns every failure into `{code, message}`.
 */
export function createInvoker(handlers: Handlers, log: (msg: string, err: unknown) => void) {
  return async function invoke(route: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isRoute(route))
      return fail(ErrorCode.unknownRoute, `Unknown route "${route.slice(0, 100)}"`)
    const parsed = routes[route].input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issues = readableIssues(parsed.error.issues, route, routes[route].input)
      return fail(ErrorCode.invalidInput, describeIssues(issues), issues)
    }
    try {
      const handler = handlers[route] as (input: unknown) => unknown
      return { ok: true, data: await handler(parsed.data) }
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.details)
      log(`route ${route as Route} failed`, err)
      return fail(ErrorCode.internal, 'Internal error; see the engine log')
    }
  }
}

function fail(code: ErrorBody['code'], message: string, details?: unknown): Result<never> {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details }
  }
}

export type Invoke = ReturnType<typeof createInvoker>
