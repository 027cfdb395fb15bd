import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EngineOptions } from '../../../src/main/engine/createEngine'
import { nextRunAfter } from '../../../src/main/reports/scheduler'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { seedCampaign } from './seedCampaign'

const tempDir = useTempDirs()
let open: TestEngine | null = null
afterEach(async () => {
  await open?.engine.close()
  open = null
})

const DAY = 86_400_000

// The engine's one scheduler, on a clock (and timer) the test sets.
async function setUp(options: Partial<EngineOptions> = {}) {
  const dir = tempDir()
  open = await startTestEngine(join(dir, 'data'), options)
  const seeded = seedCampaign(open.engine.db, { recipients: 50, campaignName: 'Weekly offer' })
  return { dir, ...open, ...seeded }
}

describe('scheduled reports', () => {
  it('exports into the folder when due, then again one period later', async () => {
    let clock = Date.UTC(2026, 10, 27, 6, 0, 0)
    const { dir, call, engine, campaignId } = await setUp({ clock: { now: () => clock } })
    const schedule = await call('reports.schedule', {
      campaignId,
      every: 'daily',
      folder: dir,
      formats: ['csv']
    })
    expect((await call('reports.schedules', { campaignId })).schedules).toEqual([schedule])
    const scheduler = engine.services.reports
    engine.db.prepare('UPDATE report_schedule SET next_run_at = ?').run(clock)

    expect(await scheduler.runDue()).toBe(1)
    const csvs = () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    expect(csvs()).toEqual([
      'weekly-offer-2026-11-27-recipients.csv',
      'weekly-offer-2026-11-27-summary.csv'
    ])
    clock += 3600_000
    expect(await scheduler.runDue()).toBe(0)
    clock += DAY
    expect(await scheduler.runDue()).toBe(1)
    expect(csvs()).toHaveLength(4)
    expect(csvs()).toContain('weekly-offer-2026-11-28-summary.csv')
    const [after] = (await call('reports.schedules', {})).schedules
    expect(after!.lastRunAt).toBe(clock)
    expect(after!.lastError).toBeNull()
    expect(after!.nextRunAt).toBe(Date.UTC(2026, 10, 29, 6, 0, 0))
  })

  it('records a failed run on the schedule and moves on to the next period', async () => {
    const clock = Date.now() + 1000
    const { dir, call, engine, campaignId } = await setUp({ clock: { now: () => clock } })
    const folder = join(dir, 'gone')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(folder)
    await call('reports.schedule', { campaignId, every: 'weekly', folder, formats: ['csv'] })
    rmSync(folder, { recursive: true })
    const scheduler = engine.services.reports
    expect(await scheduler.runDue()).toBe(1)
    const [s] = (await call('reports.schedules', { campaignId })).schedules
    expect(s!.lastError).toMatch(/does not exist/)
    expect(s!.nextRunAt).toBeGreaterThan(clock)
  })

  it('runs on its own timer and stops cleanly', async () => {
    const { dir, call, engine, campaignId } = await setUp({ settings: { reportTickMs: 50 } })
    await call('reports.schedule', { campaignId, every: 'daily', folder: dir, formats: ['csv'] })
    const scheduler = engine.services.reports
    scheduler.start()
    const deadline = Date.now() + 20_000
    while (!readdirSync(dir).some((f) => f.endsWith('-recipients.csv')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    await scheduler.stop()
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv'))).toHaveLength(2)
    expect(existsSync(join(dir, 'data'))).toBe(true)
  })

  it('refuses bad schedules and unschedules', async () => {
    const { dir, engine, call, campaignId } = await setUp()
    const bad = [
      { campaignId, every: 'daily', folder: 'relative/folder' },
      { campaignId, every: 'daily', folder: join(dir, 'missing') },
      { campaignId, every: 'hourly', folder: dir },
      { campaignId: 'nope', every: 'daily', folder: dir }
    ]
    const codes = []
    for (const input of bad) {
      const r = await engine.invoke('reports.schedule', input)
      codes.push(r.ok ? 'ok' : r.error.code)
    }
    expect(codes).toEqual(['invalid_input', 'invalid_input', 'invalid_input', 'not_found'])
    const s = await call('reports.schedule', { campaignId, every: 'weekly', folder: dir })
    expect(s.formats).toEqual(['csv', 'pdf'])
    expect(await call('reports.unschedule', { id: s.id })).toEqual({ removed: true })
    expect(await call('reports.unschedule', { id: s.id })).toEqual({ removed: false })
    expect((await call('reports.schedules', {})).schedules).toEqual([])
  })

  it('computes the next run on the schedule cadence without catch-up bursts', () => {
    const t = Date.UTC(2026, 0, 1)
    expect(nextRunAfter(t, 'daily', t)).toBe(t + DAY)
    expect(nextRunAfter(t, 'daily', t + 3.5 * DAY)).toBe(t + 4 * DAY)
    expect(nextRunAfter(t, 'weekly', t + DAY)).toBe(t + 7 * DAY)
  })
})
