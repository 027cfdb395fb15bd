import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATA_FILE } from '../../src/main/db/openDb'
import { parseServeArgs } from '../../src/main/headless/args'
import { seedCampaign } from '../main/reports/seedCampaign'
import { startEngineApi, type EngineApi } from '../helpers/engineApi'
import { useTempDirs } from '../helpers/tempDir'

/**
 * Issue #24: nothing writes where it was not asked. Over the real HTTP API: an existing file is
 * never replaced without `overwrite: true`, `--exports-dir` confines exports and schedules (real
 * paths, so links do not lead out), and a restore takes a checked backup by name only.
 */
const FOREIGN = 'accounts 2026\nrent,1200\n'
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('files are written only where asked', () => {
  const tempDir = useTempDirs()
  let api: EngineApi | null = null
  afterEach(async () => {
    await api?.close()
    api = null
  })

  async function start(exportsDir?: string) {
    const dataDir = tempDir()
    api = await startEngineApi(dataDir, tempDir(), exportsDir ? { exportsDir } : {})
    const { campaignId } = seedCampaign(api.te.engine.db, { recipients: 40 })
    return { dataDir, campaignId, api }
  }

  it('an existing foreign file is not replaced without overwrite: true', async () => {
    const { campaignId, api } = await start()
    const folder = tempDir()
    const path = join(folder, 'important.txt')
    writeFileSync(path, FOREIGN)
    for (const format of ['csv', 'pdf'] as const) {
      const refused = await api.post('reports.export', { campaignId, format, path })
      expect(refused.status).toBe(409)
      expect(refused.body.error).toMatchObject({
        code: 'conflict',
        message: `${path} exists; pass overwrite: true to replace it`
      })
    }
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN)
    expect(readdirSync(folder)).toEqual(['important.txt'])

    const replaced = await api.post('reports.export', {
      campaignId,
      format: 'csv',
      path,
      overwrite: true
    })
    expect(replaced.status).toBe(200)
    expect(readFileSync(path, 'utf8')).toMatch(/^\uFEFFstat,label,value,definition/)
    expect(readdirSync(folder)).toEqual(['important.txt'])
  })

  it('a backup name that exists is refused without overwrite, its bytes unchanged', async () => {
    const { dataDir, api } = await start()
    mkdirSync(join(dataDir, 'backups'))
    const path = join(dataDir, 'backups', 'nightly.sqlite')
    writeFileSync(path, FOREIGN)
    const refused = await api.post('data.backup', { name: 'nightly' })
    expect(refused.status).toBe(409)
    expect(refused.body.error?.message).toBe(`${path} exists; pass overwrite: true to replace it`)
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN)
    expect((await api.post('data.backup', { name: 'nightly', overwrite: true })).status).toBe(200)
    expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3')
  })

  it('with --exports-dir, exports take a name inside it; outside, .. and links out are refused', async () => {
    const root = tempDir()
    const outside = tempDir()
    mkdirSync(join(root, 'team'))
    symlinkSync(outside, join(root, 'escape'))
    const { campaignId, api } = await start(realpathSync(root))

    const inside = await api.post('reports.export', {
      campaignId,
      format: 'csv',
      path: 'team/summary.csv'
    })
    expect(inside.status).toBe(200)
    expect(inside.body.path).toBe(join(realpathSync(root), 'team', 'summary.csv'))
    expect(existsSync(join(root, 'team', 'summary.csv'))).toBe(true)

    for (const path of [
      join(outside, 'stolen.csv'),
      '../stolen.csv',
      `team/../../${outside.split('/').pop()}/stolen.csv`,
      'escape/stolen.csv'
    ]) {
      const refused = await api.post('reports.export', { campaignId, format: 'csv', path })
      expect(refused.status, path).toBe(400)
      expect(refused.body.error?.code, path).toBe('invalid_input')
      expect(refused.body.error?.message, path).toContain('is outside the exports folder')
      expect(refused.body.error?.message, path).toContain('--exports-dir')
    }
    expect(readdirSync(outside)).toEqual([])
  })

  it('with --exports-dir, a schedule to a folder outside it is refused; inside it is kept', async () => {
    const root = tempDir()
    const outside = tempDir()
    mkdirSync(join(root, 'weekly'))
    const { campaignId, api } = await start(realpathSync(root))
    for (const folder of [outside, '..', 'weekly/../..']) {
      const refused = await api.post('reports.schedule', { campaignId, every: 'daily', folder })
      expect(refused.status, folder).toBe(400)
      expect(refused.body.error?.message, folder).toContain('is outside the exports folder')
    }
    expect((await api.post('reports.schedules', {})).body.schedules).toEqual([])
    const kept = await api.post('reports.schedule', {
      campaignId,
      every: 'daily',
      folder: 'weekly'
    })
    expect(kept.status).toBe(200)
    expect(kept.body.folder).toBe(join(realpathSync(root), 'weekly'))
  })

  it('a restore of a file that is not a backup is refused and the data file untouched', async () => {
    const { dataDir, api } = await start()
    api.te.engine.db.pragma('wal_checkpoint(TRUNCATE)')
    const before = sha(join(dataDir, DATA_FILE))
    mkdirSync(join(dataDir, 'backups'), { recursive: true })
    writeFileSync(join(dataDir, 'backups', 'notes.sqlite'), FOREIGN)

    const foreign = await api.post('data.restore', { name: 'notes.sqlite' })
    expect(foreign.status).toBe(400)
    expect(foreign.body.error?.message).toMatch(/not an SQLite database, so not a Tickboard backup/)
    for (const name of ['/etc/passwd', '../tickboard.sqlite']) {
      const refused = await api.post('data.restore', { name })
      expect(refused.status, name).toBe(400)
      expect(refused.body.error?.message, name).toContain('a file name in the backups folder')
    }
    const byPath = await api.post('data.restore', { path: join(dataDir, 'backups', 'x.sqlite') })
    expect(byPath.body.error?.message).toBe('name: required; path: not a field of data.restore')

    expect(sha(join(dataDir, DATA_FILE))).toBe(before)
    expect(readdirSync(dataDir).filter((f) => f.startsWith('restore-pending'))).toEqual([])
  })

  it('serve --exports-dir must name an existing folder; the environment may give it instead', () => {
    const dir = tempDir()
    const args = ['--data-dir', dir]
    expect(parseServeArgs([...args, '--exports-dir', dir]).exportsDir).toBe(realpathSync(dir))
    expect(parseServeArgs(args, { exportsDir: dir }).exportsDir).toBe(realpathSync(dir))
    expect(parseServeArgs(args).exportsDir).toBeNull()
    expect(() => parseServeArgs([...args, '--exports-dir', join(dir, 'nope')])).toThrow(
      /--exports-dir .*nope is not an existing folder/
    )
  })
})
