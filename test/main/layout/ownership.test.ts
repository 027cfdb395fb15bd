import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measureShape, readSources } from './sourceShape'

const SRC_MAIN = resolve(__dirname, '../../../src/main')

describe('one owner per table, SQL in repositories (src/main/db/**)', () => {
  const shape = measureShape(readSources(SRC_MAIN))

  it('no table gains a second writer', () => {
    expect(shape.sharedTables).toEqual({})
  })

  it('no SQL outside db/', () => {
    expect(shape.sqlOutsideRepositories).toEqual([])
  })

  it('no module outside db/ and the composition root gets the raw connection; no EngineContext', () => {
    expect(shape.connectionHolders).toEqual([])
    expect(shape.contextUsers).toEqual([])
  })

  it('repositories are built once, in the composition root', () => {
    expect(shape.repositoriesBuiltOutsideRoot).toEqual([])
    expect(shape.repositoriesBuiltTwice).toEqual([])
  })

  it('no module calls routes, and only kernel/environment.ts reads the environment', () => {
    expect(shape.routeCalls).toEqual([])
    expect(shape.envReads).toEqual([])
  })
})

describe('the reading catches planted violations', () => {
  const root = mkdtempSync(join(tmpdir(), 'tickboard-shape-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const plant = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  plant(
    'db/repos/campaignRepo.ts',
    "export const upd = (db) => db.prepare('UPDATE campaign SET status = ? WHERE id = ?')\n"
  )
  plant(
    'dispatch/sneaky.ts',
    "const sql = `UPDATE campaign SET status = 'done' WHERE id = ?`\nexport default sql\n"
  )
  plant(
    'stats/reader.ts',
    "export const n = (db) => db.prepare('SELECT COUNT(*) FROM message').pluck().get()\n"
  )
  plant(
    'db/repos/eventRepo.ts',
    "export const ins = 'INSERT OR IGNORE INTO event (id) VALUES (?)'\n"
  )
  plant(
    'reports/quiet.ts',
    "// UPDATE campaign SET x = 1 (a comment, not SQL)\nexport const q = 'Select a file'\n"
  )
  plant('reports/calls.ts', "export const f = (ctx) => ctx.call('stats.summary', {})\n")
  plant('tunnel/knob.ts', 'export const ms = Number(process.env.TICKBOARD_X)\n')
  plant('stats/holder.ts', "import type { Db } from '../db/openDb'\nexport type D = Db\n")
  plant(
    'engine/createEngine.ts',
    "import { openDb } from '../db/openDb'\nexport const o = openDb\n"
  )
  plant('kernel/environment.ts', 'export const env = () => process.env\n')
  plant(
    'providers/ownSettings.ts',
    "import { createSettingRepo } from '../db/repos/settingRepo'\nexport const s = (d) => createSettingRepo(d)\n"
  )
  plant(
    'engine/services.ts',
    'export function createThingRepo(d) {}\nexport const a = createSettingRepo(d)\n' +
      'export const b = { one: createThingRepo(d), again: createSettingRepo(d) }\n'
  )
  plant(
    'engine/context.ts',
    'export interface EngineContext { config: unknown }\nexport type C = EngineContext\n'
  )
  plant(
    'reports/legacy.ts',
    "import type { EngineContext } from '../engine/context'\nexport const r = (ctx: EngineContext) => ctx\n"
  )

  const planted = measureShape(readSources(root))

  it('a table written from two modules', () => {
    expect(planted.sharedTables).toEqual({
      campaign: ['db/repos/campaignRepo.ts', 'dispatch/sneaky.ts']
    })
  })

  it('SQL outside db/ (statements and prepared connections), not comments or prose', () => {
    expect(planted.sqlOutsideRepositories).toEqual(['dispatch/sneaky.ts', 'stats/reader.ts'])
  })

  it('the raw connection outside db/ and the composition root', () => {
    expect(planted.connectionHolders).toEqual(['stats/holder.ts'])
  })

  it('a repository built outside the composition root, or twice in it', () => {
    expect(planted.repositoriesBuiltOutsideRoot).toEqual(['providers/ownSettings.ts'])
    expect(planted.repositoriesBuiltTwice).toEqual(['createSettingRepo'])
  })

  it('the old EngineContext, where it is defined and where it is taken', () => {
    expect(planted.contextUsers).toEqual(['engine/context.ts', 'reports/legacy.ts'])
  })

  it('route calls and environment reads outside the kernel', () => {
    expect(planted.routeCalls).toEqual(['reports/calls.ts'])
    expect(planted.envReads).toEqual(['tunnel/knob.ts'])
  })
})
