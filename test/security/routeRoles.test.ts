import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { routes, type Route } from '../../src/shared/ipc/contract'
import {
  ROLES,
  requiredRole,
  roleRank,
  type Role,
  type RouteSpec
} from '../../src/shared/ipc/roles'
import { startTeamApi, type TeamApi } from '../helpers/teamApi'

// The type system refuses a route without its access declaration (contract.ts `satisfies`).
const undeclared = {
  // @ts-expect-error a route that does not say its minimum role does not compile
  'x.y': { changes: false, input: z.object({}), output: z.object({}) }
} satisfies Record<string, RouteSpec>
void undeclared

/** Inputs that must not reach the internet when a role may call the route. */
const SAFE_INPUT: Partial<Record<Route, unknown>> = {
  'tunnel.start': { host: 'http://127.0.0.1:9' }
}

/**
 * Generated from the contract: every route × every role over real HTTP against the real API
 * server, with that role's own token and a minimal input. 403 `forbidden` exactly when the role
 * is below the route's declared minimum (decided before the input is read, so a 400 never
 * tells a viewer anything), and never 401/403 otherwise.
 */
describe('every route × every role, from the contract’s declarations (issue #22)', () => {
  let dir: string
  let team: TeamApi
  const tokens = {} as Record<Role, string>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickboard-roles-'))
    team = await startTeamApi(dir)
    tokens.admin = team.adminToken
    tokens.operator = (await team.addUser('Olu Operator', 'operator')).token
    tokens.viewer = (await team.addUser('Vera Viewer', 'viewer')).token
  })
  afterAll(async () => {
    await team?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const cases = (Object.keys(routes) as Route[]).flatMap((route) =>
    ROLES.map((role) => [route, role] as const)
  )

  it.each(cases)('%s as %s', async (route, role) => {
    const reply = await team.post(tokens[role], route, SAFE_INPUT[route] ?? {})
    const needed = requiredRole(route)
    if (roleRank(role) < roleRank(needed)) {
      expect(reply.status).toBe(403)
      expect(reply.body.error?.code).toBe('forbidden')
      expect(reply.body.error?.message).toBe(
        `${route} needs the ${needed} role; you are ${role === 'viewer' ? 'a' : 'an'} ${role}`
      )
    } else {
      expect([401, 403], JSON.stringify(reply.body).slice(0, 300)).not.toContain(reply.status)
    }
  })

  it('records every refusal in the audit log, with who and the route', async () => {
    const { body } = await team.post(tokens.admin, 'audit.list', { limit: 500 })
    const entries = body.entries as { user: string; route: string; outcome: string }[]
    const refusedViewer = entries.filter((e) => e.user === 'Vera Viewer' && e.outcome === 'refused')
    const viewerRefusals = cases.filter(
      ([route, role]) => role === 'viewer' && requiredRole(route) !== 'viewer'
    )
    expect(refusedViewer.map((e) => e.route).sort()).toEqual(
      viewerRefusals.map(([route]) => route).sort()
    )
  })
})
