import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seedCampaign } from '../main/reports/seedCampaign'
import { startTeamApi, type TeamApi } from '../helpers/teamApi'
import { useTempDirs } from '../helpers/tempDir'

interface Entry {
  id: number
  userId: string | null
  user: string | null
  route: string
  targetId: string | null
  outcome: string
  code: string | null
}

describe('users of a team server (issue #22)', () => {
  const tempDir = useTempDirs()
  let team: TeamApi | null = null
  afterEach(async () => {
    await team?.close()
    team = null
  })

  it('creates users with one-time tokens, says who is signed in, and revokes them at once', async () => {
    const dir = tempDir()
    team = await startTeamApi(dir)
    const t = team
    const operator = await t.addUser('Olu', 'operator')
    const viewer = await t.addUser('Vera', 'viewer')
    expect(operator.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(operator.token).not.toBe(viewer.token)

    expect((await t.post(viewer.token, 'users.me', {})).body).toEqual({
      id: viewer.id,
      name: 'Vera',
      role: 'viewer'
    })
    const me = await t.post(t.adminToken, 'users.me', {})
    expect(me.body).toMatchObject({ name: 'Admin (TICKBOARD_API_TOKEN)', role: 'admin' })
    const list = (await t.post(t.adminToken, 'users.list', {})).body.users as Record<
      string,
      unknown
    >[]
    expect(list.map((u) => [u.name, u.role, u.createdBy, u.revokedAt])).toEqual([
      ['Admin (TICKBOARD_API_TOKEN)', 'admin', null, null],
      ['Olu', 'operator', 'Admin (TICKBOARD_API_TOKEN)', null],
      ['Vera', 'viewer', 'Admin (TICKBOARD_API_TOKEN)', null]
    ])
    // A list never carries a token or its hash.
    expect(JSON.stringify(list)).not.toMatch(/token_hash|tokenHash/)
    expect(JSON.stringify(list)).not.toContain(viewer.token)

    // The viewer's event stream and a download it prepared both die with its access.
    const events = await fetch(`${t.base}/api/events`, {
      headers: { authorization: `Bearer ${viewer.token}` }
    })
    expect(events.status).toBe(200)
    const stream = events.body!.getReader()
    await stream.read()
    const { campaignId } = seedCampaign(t.te.engine.db, { recipients: 5 })
    const prepared = await t.post(viewer.token, 'reports.prepareDownload', {
      campaignId,
      format: 'csv'
    })
    expect(prepared.status).toBe(200)

    const revoked = await t.post(t.adminToken, 'users.revoke', { id: viewer.id })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toEqual({ id: viewer.id, revokedAt: expect.any(Number) })
    const after = await t.post(viewer.token, 'campaigns.list', {})
    expect(after.status).toBe(401)
    expect(after.body.error?.code).toBe('unauthorized')
    await expect(
      (async () => {
        for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read());
      })()
    ).rejects.toThrow()
    const download = await fetch(`${t.base}/api/download/${prepared.body.token as string}`)
    expect(download.status).toBe(401)
    // The operator is untouched.
    expect((await t.post(operator.token, 'campaigns.list', {})).status).toBe(200)
  })

  it('only an admin writes a file on the server without --exports-dir; others download', async () => {
    const dir = tempDir()
    team = await startTeamApi(dir)
    const t = team
    const operator = await t.addUser('Olu', 'operator')
    const { campaignId } = seedCampaign(t.te.engine.db, { recipients: 5 })
    const asked = { campaignId, format: 'csv', path: join(dir, 'op.csv') }
    const refused = await t.post(operator.token, 'reports.export', asked)
    expect(refused.status).toBe(403)
    expect(refused.body.error?.message).toMatch(
      /^Writing a file on the engine's machine needs the admin role unless serve runs with --exports-dir; you are an operator/
    )
    expect(existsSync(asked.path)).toBe(false)
    const scheduled = await t.post(operator.token, 'reports.schedule', {
      campaignId,
      every: 'daily',
      folder: dir,
      formats: ['csv']
    })
    expect(scheduled.status).toBe(403)
    expect((await t.post(operator.token, 'reports.prepareDownload', asked)).status).toBe(400)
    const { path: _path, ...download } = asked
    expect((await t.post(operator.token, 'reports.prepareDownload', download)).status).toBe(200)
    expect((await t.post(t.adminToken, 'reports.export', asked)).status).toBe(200)
    expect(existsSync(asked.path)).toBe(true)
  })

  it('keeps an admin who can sign in: the environment admin and the last admin are not revoked', async () => {
    team = await startTeamApi(tempDir())
    const t = team
    const me = (await t.post(t.adminToken, 'users.me', {})).body as { id: string }
    const envRevoke = await t.post(t.adminToken, 'users.revoke', { id: me.id })
    expect(envRevoke.status).toBe(409)
    expect(envRevoke.body.error?.message).toMatch(
      /TICKBOARD_API_TOKEN admin is revoked by changing/
    )
    // Without the variable the environment admin is off; a second admin is then the last one.
    const second = await t.addUser('Ada', 'admin')
    t.te.engine.services.users.bootstrap(null)
    expect((await t.post(t.adminToken, 'users.me', {})).status).toBe(401)
    const last = await t.post(second.token, 'users.revoke', { id: second.id })
    expect(last.status).toBe(409)
    expect(last.body.error?.message).toBe(
      'Ada is the last admin who can sign in: create another admin before revoking this one'
    )
    expect((await t.post(second.token, 'users.revoke', { id: 'nobody' })).status).toBe(404)
  })

  it('limits failed sign-ins per address: 429 with Retry-After, even for a good token new to it', async () => {
    team = await startTeamApi(tempDir())
    const t = team
    const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.1, ${address}` })
    const mate = await t.addUser('Mo', 'operator')
    expect((await t.post(mate.token, 'users.me', {}, from('203.0.113.7'))).status).toBe(200)
    for (let i = 0; i < 10; i++)
      expect((await t.post(`guess-${i}`, 'users.me', {}, from('203.0.113.7'))).status).toBe(401)
    const limited = await t.post('guess-10', 'users.me', {}, from('203.0.113.7'))
    expect(limited.status).toBe(429)
    expect(limited.body.error?.code).toBe('rate_limited')
    const wait = Number(limited.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect((await t.post(t.adminToken, 'users.me', {}, from('203.0.113.7'))).status).toBe(429)
    // A teammate who signed in from that address before keeps working while it waits.
    expect((await t.post(mate.token, 'users.me', {}, from('203.0.113.7'))).status).toBe(200)
    // Another client address is not held back, and successful calls are never counted.
    for (let i = 0; i < 12; i++)
      expect((await t.post(t.adminToken, 'users.me', {}, from('203.0.113.8'))).status).toBe(200)
  })

  it('audits every change and every refusal, pages back, and exports the log as CSV', async () => {
    const dir = tempDir()
    team = await startTeamApi(dir)
    const t = team
    const viewer = await t.addUser('Vera', 'viewer')
    const provider = await t.post(t.adminToken, 'providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: {}
    })
    const providerId = provider.body.id as string
    await t.post(viewer.token, 'campaigns.launch', { id: 'c-1' })
    await t.post('not-a-token', 'campaigns.cancel', { id: 'c-1' })
    await t.post(t.adminToken, 'campaigns.pause', { id: 'no-such-campaign' })
    await t.post(t.adminToken, 'campaigns.list', {})

    const page = await t.post(t.adminToken, 'audit.list', { limit: 3 })
    const entries = page.body.entries as Entry[]
    expect(entries.map((e) => [e.user, e.route, e.targetId, e.outcome, e.code])).toEqual([
      ['Admin (TICKBOARD_API_TOKEN)', 'campaigns.pause', 'no-such-campaign', 'error', 'not_found'],
      [null, 'campaigns.cancel', null, 'refused', 'unauthorized'],
      ['Vera', 'campaigns.launch', 'c-1', 'refused', 'forbidden']
    ])
    expect(entries[1]!.userId).toBeNull()
    const older = await t.post(t.adminToken, 'audit.list', { before: page.body.nextBefore })
    const rest = older.body.entries as Entry[]
    expect(rest.map((e) => [e.route, e.targetId, e.outcome])).toEqual([
      ['providers.create', providerId, 'ok'],
      ['users.create', viewer.id, 'ok']
    ])
    expect(older.body.nextBefore).toBeNull()

    const path = join(dir, 'audit.csv')
    const exported = await t.post(t.adminToken, 'audit.export', { path })
    expect(exported.status).toBe(200)
    const csv = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(csv[0]).toBe('id,time_utc,user_id,user_name,route,target_id,outcome,code')
    expect(csv).toHaveLength(6)
    expect(csv[2]).toMatch(/^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/)
    expect(csv[2]).toContain(
      `,environment-admin,Admin (TICKBOARD_API_TOKEN),providers.create,${providerId},ok,`
    )
    // #24's rule: an existing file is kept unless the call says overwrite.
    writeFileSync(path, 'mine')
    const again = await t.post(t.adminToken, 'audit.export', { path })
    expect(again.status).toBe(409)
    expect(readFileSync(path, 'utf8')).toBe('mine')
    expect((await t.post(t.adminToken, 'audit.export', { path, overwrite: true })).status).toBe(200)

    const download = await t.post(t.adminToken, 'audit.prepareDownload', {})
    const file = await fetch(`${t.base}/api/download/${download.body.token as string}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toMatch(/tickboard-audit-\d{4}-\d\d-\d\d\.csv/)
    expect(await file.text()).toContain('users.create')
    expect(existsSync(join(dir, 'data', 'downloads'))).toBe(true)
  })

  it('refuses an edit of a draft someone saved since, naming who and when', async () => {
    team = await startTeamApi(tempDir())
    const t = team
    const asha = await t.addUser('Asha', 'operator')
    const ravi = await t.addUser('Ravi', 'operator')
    const provider = await t.post(t.adminToken, 'providers.create', {
      type: 'sandbox',
      name: 'Sandbox',
      config: {}
    })
    const draft = {
      name: 'Diwali',
      providerId: provider.body.id,
      template: { name: 'hello', language: 'en', params: [] },
      audience: { all: true },
      controlGroupPercent: 0
    }
    const { id } = (await t.post(asha.token, 'campaigns.create', draft)).body as { id: string }
    const loaded = await t.post(ravi.token, 'campaigns.get', { id })
    expect(loaded.body.version).toBe(1)

    const saved = await t.post(asha.token, 'campaigns.update', {
      id,
      version: 1,
      draft: { ...draft, name: 'Diwali A' }
    })
    expect(saved.body).toEqual({ id, version: 2 })
    const stale = await t.post(ravi.token, 'campaigns.update', {
      id,
      version: 1,
      draft: { ...draft, name: 'Diwali R' }
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error?.code).toBe('conflict')
    expect(stale.body.error?.message).toMatch(
      /^Diwali A was changed by Asha at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(version 2; you edited version 1\): reload it/
    )
    expect(stale.body.error?.details).toEqual({
      version: 2,
      editedBy: 'Asha',
      editedAt: expect.any(Number)
    })
    const kept = await t.post(ravi.token, 'campaigns.get', { id })
    expect(kept.body).toMatchObject({ name: 'Diwali A', version: 2 })
    // Reloaded, Ravi's edit goes through.
    const retried = await t.post(ravi.token, 'campaigns.update', {
      id,
      version: 2,
      draft: { ...draft, name: 'Diwali R' }
    })
    expect(retried.body).toEqual({ id, version: 3 })
  })
})
