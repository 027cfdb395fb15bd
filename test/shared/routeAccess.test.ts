import { describe, expect, it } from 'vitest'
import { routes, type Route } from '../../src/shared/ipc/contract'
import {
  ROLES,
  requiredRole,
  roleAllows,
  roleRefusal,
  routeChanges
} from '../../src/shared/ipc/roles'

const names = Object.keys(routes) as Route[]

describe('every route declares who may call it (issue #22)', () => {
  it.each(names)('%s has a role and says whether it changes state', (route) => {
    const spec = routes[route] as Record<string, unknown>
    expect(ROLES).toContain(spec.role)
    expect(typeof spec.changes).toBe('boolean')
  })

  it('roles are ordered: admin ⊇ operator ⊇ viewer', () => {
    for (const route of names) {
      const allowed = ROLES.filter((role) => roleAllows(role, route))
      expect(allowed).toEqual(ROLES.slice(ROLES.indexOf(requiredRole(route))))
    }
  })

  it('the refusal names the role needed and the caller’s own', () => {
    expect(roleRefusal('viewer', 'campaigns.launch')).toBe(
      'campaigns.launch needs the operator role; you are a viewer'
    )
    expect(roleRefusal('operator', 'users.create')).toBe(
      'users.create needs the admin role; you are an operator'
    )
    expect(roleRefusal('admin', 'users.create')).toBeNull()
  })

  it('the spec’s role table: provider accounts, users and restore are admin; launch is operator', () => {
    for (const route of ['providers.create', 'users.create', 'users.revoke', 'data.restore'])
      expect(requiredRole(route as Route), route).toBe('admin')
    for (const route of ['campaigns.launch', 'campaigns.pause', 'contacts.import'])
      expect(requiredRole(route as Route), route).toBe('operator')
    for (const route of ['stats.summary', 'reports.export', 'users.me'])
      expect(requiredRole(route as Route), route).toBe('viewer')
    // Reads never count as changes; every write route does.
    expect(routeChanges('campaigns.list')).toBe(false)
    expect(routeChanges('campaigns.launch')).toBe(true)
  })
})
