import { AppError, ErrorCode, type ErrorBody, type Result } from '../../shared/ipc/errors'
import { isRoute, routes, type Handlers, type Route } from '../../shared/ipc/contract'
import { describeIssues, readableIssues } from '../../shared/ipc/inputIssues'
import { requiredRole, roleRefusal, type Caller } from '../../shared/ipc/roles'
import type { AuditRecord } from '../users/auditLog'

type Audit = (record: AuditRecord) => void

/**
 * The one entry point both transports call: checks the route, then the caller's role (before
 * the input, so a role too low learns nothing about it), validates the input against the
 * contract's zod schema, runs the handler and turns every failure into `{code, message}`.
 * Refused calls and every call of a route that changes state are written to the audit log.
 */
export function createInvoker(
  handlers: Handlers,
  log: (msg: string, err: unknown) => void,
  audit: Audit
) {
  function record(entry: AuditRecord): void {
    try {
      audit(entry)
    } catch (err) {
      // The call's own outcome stands; a full disk shows in the log, not as a failed launch.
      log(`the audit log could not record ${entry.route}`, err)
    }
  }

  return async function invokeAs(
    caller: Caller,
    route: string,
    rawInput: unknown
  ): Promise<Result<unknown>> {
    if (!isRoute(route))
      return fail(ErrorCode.unknownRoute, `Unknown route "${route.slice(0, 100)}"`)
    const spec = routes[route]
    const input = rawInput ?? {}
    const refusal = roleRefusal(caller.role, route)
    if (refusal !== null) {
      record({ caller, route, input, outcome: 'refused', code: ErrorCode.forbidden })
      return fail(ErrorCode.forbidden, refusal, { requiredRole: requiredRole(route) })
    }
    const ended = (result: Result<unknown>): Result<unknown> => {
      if (spec.changes)
        record({
          caller,
          route,
          input,
          output: result.ok ? result.data : undefined,
          outcome: result.ok ? 'ok' : 'error',
          code: result.ok ? null : result.error.code
        })
      return result
    }
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) {
      const issues = readableIssues(parsed.error.issues, route, spec.input)
      return ended(fail(ErrorCode.invalidInput, describeIssues(issues), issues))
    }
    try {
      const handler = handlers[route] as (input: unknown, caller: Caller) => unknown
      return ended({ ok: true, data: await handler(parsed.data, caller) })
    } catch (err) {
      if (err instanceof AppError) return ended(fail(err.code, err.message, err.details))
      log(`route ${route as Route} failed`, err)
      return ended(fail(ErrorCode.internal, 'Internal error; see the engine log'))
    }
  }
}

function fail(code: ErrorBody['code'], message: string, details?: unknown): Result<never> {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details }
  }
}

export type InvokeAs = ReturnType<typeof createInvoker>
