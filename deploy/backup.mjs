// One scheduled backup through the running engine, then pruning (tickboard-backup.service).
// The engine writes the backup (data.backup, into <data folder>/backups only, by name); this
// script then deletes the oldest *scheduled* backups beyond TICKBOARD_BACKUP_KEEP (default 14).
// Backups made by hand and the files a restore kept (before-restore-…) are never deleted.
import { unlinkSync } from 'node:fs'
import { join } from 'node:path'

const SCHEDULED = /^scheduled-\d{8}T\d{6}Z\.sqlite$/
const {
  TICKBOARD_PORT: port,
  TICKBOARD_API_TOKEN: token,
  TICKBOARD_DATA_DIR: dataDir
} = process.env
const keep = Number(process.env.TICKBOARD_BACKUP_KEEP ?? 14)
if (!port || !dataDir || !Number.isInteger(keep) || keep < 1) {
  console.error(
    'backup: needs TICKBOARD_PORT, TICKBOARD_DATA_DIR and TICKBOARD_BACKUP_KEEP >= 1 (see deploy/tickboard.env.example)'
  )
  process.exit(2)
}

async function call(route, input) {
  const res = await fetch(`http://127.0.0.1:${port}/api/${route}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {})
    },
    body: JSON.stringify(input)
  })
  const body = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${route}: ${body?.error?.message ?? `HTTP ${res.status}`}`)
  return body
}

try {
  // 20261206T031500Z: sorts by time as text, and never repeats within a second.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')
  const made = await call('data.backup', { name: `scheduled-${stamp}.sqlite` })
  console.log(`backup: ${made.path} (${made.bytes} bytes)`)
  const { backups } = await call('data.backups', {})
  const scheduled = backups
    .map((b) => b.name)
    .filter((name) => SCHEDULED.test(name))
    .sort()
    .reverse()
  for (const name of scheduled.slice(keep)) {
    unlinkSync(join(dataDir, 'backups', name))
    console.log(`backup: pruned ${name} (keeping the newest ${keep} scheduled backups)`)
  }
} catch (err) {
  console.error(`backup: ${err.message}`)
  process.exit(1)
}
