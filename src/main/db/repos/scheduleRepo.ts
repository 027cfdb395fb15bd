import { randomUUID } from 'node:crypto'
import type { ReportSchedule } from '../../../shared/ipc/routes/reports'
import type { Db } from '../openDb'

interface Row {
  id: string
  campaign_id: string
  every: 'daily' | 'weekly'
  folder: string
  formats: string
  paper: 'A4' | 'Letter'
  next_run_at: number
  last_run_at: number | null
  last_error: string | null
  created_at: number
}

export type NewSchedule = Pick<
  ReportSchedule,
  'campaignId' | 'every' | 'folder' | 'formats' | 'paper'
>

function toSchedule(r: Row): ReportSchedule {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    every: r.every,
    folder: r.folder,
    formats: JSON.parse(r.formats) as ReportSchedule['formats'],
    paper: r.paper,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    lastError: r.last_error,
    createdAt: r.created_at
  }
}

export type ScheduleRepo = ReturnType<typeof createScheduleRepo>

export function createScheduleRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO report_schedule (id, campaign_id, every, folder, formats, paper, next_run_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const byId = db.prepare<[string], Row>('SELECT * FROM report_schedule WHERE id = ?')
  const all = db.prepare<[], Row>('SELECT * FROM report_schedule ORDER BY created_at, id')
  const byCampaign = db.prepare<[string], Row>(
    'SELECT * FROM report_schedule WHERE campaign_id = ? ORDER BY created_at, id'
  )
  const due = db.prepare<[number], Row>(
    'SELECT * FROM report_schedule WHERE next_run_at <= ? ORDER BY next_run_at, id'
  )
  const finish = db.prepare(
    'UPDATE report_schedule SET last_run_at = ?, next_run_at = ?, last_error = ? WHERE id = ?'
  )
  const remove = db.prepare('DELETE FROM report_schedule WHERE id = ?')
  const campaignName = db.prepare<[string], { name: string }>(
    'SELECT name FROM campaign WHERE id = ?'
  )
  return {
    create(s: NewSchedule, now: number): ReportSchedule {
      const id = randomUUID()
      insert.run(id, s.campaignId, s.every, s.folder, JSON.stringify(s.formats), s.paper, now, now)
      return toSchedule(byId.get(id)!)
    },
    get: (id: string) => {
      const row = byId.get(id)
      return row ? toSchedule(row) : undefined
    },
    list: (campaignId?: string) =>
      (campaignId ? byCampaign.all(campaignId) : all.all()).map(toSchedule),
    due: (now: number) => due.all(now).map(toSchedule),
    finish(id: string, ranAt: number, nextRunAt: number, error: string | null): void {
      finish.run(ranAt, nextRunAt, error, id)
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
    campaignName: (campaignId: string): string | undefined => campaignName.get(campaignId)?.name
  }
}
