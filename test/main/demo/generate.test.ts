import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/db/openDb'
import { generateDemoCampaign } from '../../../src/main/demo/generate'
import { createDemoStore } from '../../../src/main/db/demoStore'
import { rebuildCampaignStats } from '../../../src/main/db/repos/statsCounterRepo'
import { startTestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { snapshot } from '../stats/fixture'

describe('synthetic campaign generator', () => {
  const tempDir = useTempDirs()

  it('hands over a counted campaign: nothing suspended, counters equal a fresh rebuild', () => {
    const db = openDb(tempDir())
    const { campaignId } = generateDemoCampaign(createDemoStore(db), { recipients: 5000, seed: 7 })
    const tallied = snapshot(db, campaignId)
    expect(tallied.counters.length).toBeGreaterThan(20)
    expect(tallied.latency.length).toBeGreaterThan(20)
    expect(db.prepare('SELECT COUNT(*) FROM stats_suspended').pluck().get()).toBe(0)
    rebuildCampaignStats(db, campaignId)
    expect(snapshot(db, campaignId)).toEqual(tallied)
    db.close()
  })

  it('a second campaign into the same data file reaches the same contacts, 50 per statement or not', () => {
    const db = openDb(tempDir())
    const store = createDemoStore(db)
    // 130 recipients: two full statements of 50 and 30 one by one; then 175 over the same
    // phones and 45 new ones (statements mixing known and new phones).
    const first = generateDemoCampaign(store, { recipients: 130, seed: 3 })
    const second = generateDemoCampaign(store, { recipients: 175, seed: 4 })
    // Each message's contact is the contact of its phone.
    const rows = db.prepare<[string], { contact: number; byPhone: number }>(
      `SELECT m.contact_id AS contact, c.id AS byPhone FROM message m
       JOIN contact c ON c.phone = m.phone WHERE m.campaign_id = ? ORDER BY m.seq`
    )
    for (const { campaignId, recipients } of [first, second]) {
      const found = rows.all(campaignId)
      expect(found).toHaveLength(recipients)
      for (const r of found) expect(r.contact).toBe(r.byPhone)
    }
    // Contacts in the order of their phones, one each: ids 1..175.
    expect(db.prepare('SELECT COUNT(*), MAX(id) FROM contact').raw().get()).toEqual([175, 175])
    db.close()
  })

  it('writes a completed campaign whose stats hold the dispatch invariant and show lift', async () => {
    const dir = tempDir()
    const db = openDb(dir)
    const { campaignId } = generateDemoCampaign(createDemoStore(db), {
      recipients: 20_000,
      seed: 11
    })
    db.close()
    const t = await startTestEngine(dir)
    try {
      const s = await t.call('stats.summary', { campaignId })
      expect(s.qualified).toBe(20_000)
      expect(s.control + s.target).toBe(20_000)
      expect(s.control / s.qualified).toBeGreaterThan(0.08)
      expect(s.control / s.qualified).toBeLessThan(0.12)
      expect(s.sent + s.dispatchErrors + s.outcomeUnknown).toBe(s.target)
      expect(s.delivered + s.deliveryErrors + s.awaitingReport).toBeLessThanOrEqual(s.sent)
      expect(s.dispatchErrors).toBeGreaterThan(0)
      expect(s.deliveryErrors).toBeGreaterThan(0)
      expect(s.replied).toBeGreaterThan(0)
      expect(s.conversion.verdict).toBe('positive')
      expect(s.revenue.boostPercent).toBeGreaterThan(0)
      const delivery = await t.call('stats.errors', { campaignId, kind: 'delivery' })
      expect(delivery.groups[0]).toMatchObject({ code: '131026', title: 'Message undeliverable' })
      const campaign = await t.call('campaigns.get', { id: campaignId })
      expect(campaign.status).toBe('completed')
    } finally {
      await t.engine.close()
    }
  })

  it('npm run demo prints the campaign id on the last line (built CLI)', () => {
    const cli = resolve('out/main/demo.js')
    expect(existsSync(cli), 'run `npx electron-vite build` first (npm test does)').toBe(true)
    const dir = tempDir()
    const run = spawnSync(process.execPath, [cli, '--data-dir', dir, '--recipients', '1500'], {
      encoding: 'utf8'
    })
    expect(run.status, run.stderr).toBe(0)
    const last = run.stdout.trim().split('\n').pop()!
    expect(last).toMatch(/^demo-[0-9a-f-]{36}$/)
    const db = openDb(dir)
    expect(db.prepare('SELECT qualified FROM campaign WHERE id = ?').pluck().get(last)).toBe(1500)
    db.close()
    const bad = spawnSync(process.execPath, [cli, '--recipients', '10'], { encoding: 'utf8' })
    expect(bad.status, bad.stderr).toBe(2)
    expect(bad.stderr).toMatch(/--data-dir is required/)
  })

  it('npm run demo loads beside a running engine that has the data file open (WAL kept)', () => {
    const dir = tempDir()
    // Stands in for the app or `serve`: another connection holding the file open in WAL mode,
    // which makes SQLite refuse the switch to a rollback journal.
    const engineSide = openDb(dir)
    try {
      const run = spawnSync(
        process.execPath,
        [resolve('out/main/demo.js'), '--data-dir', dir, '--recipients', '12000'],
        { encoding: 'utf8' }
      )
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toMatch(/open in another process .*: loading beside it/)
      const campaignId = run.stdout.trim().split('\n').pop()!
      expect(engineSide.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(engineSide.prepare('SELECT COUNT(*) FROM stats_suspended').pluck().get()).toBe(0)
      const counted = snapshot(engineSide, campaignId)
      expect(counted.counters).toContainEqual({ key: 'qualified', n: 12_000 })
      rebuildCampaignStats(engineSide, campaignId)
      expect(snapshot(engineSide, campaignId)).toEqual(counted)
    } finally {
      engineSide.close()
    }
  })

  it('npm run demo answers a data file of another kind with one line, not a stack trace', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'tickboard.sqlite'), 'not a database, just text '.repeat(200))
    const run = spawnSync(
      process.execPath,
      [resolve('out/main/demo.js'), '--data-dir', dir, '--recipients', '10'],
      { encoding: 'utf8' }
    )
    expect(run.status).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^tickboard demo: .*not a Tickboard data file/)
  })
})
