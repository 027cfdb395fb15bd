import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Tells an unclean shutdown from a clean one without reading the data file: each process that
 * opens it writes `<file>.open-<pid>` and removes it when it closes the file. A marker left by a
 * process that is no longer running means that process crashed or was killed with the file open
 * (the only case where a whole-file check can find something a clean close would not have left).
 * Markers of running processes (the app beside `npm run demo`) are theirs and are left alone.
 * The dead markers are removed only once the check has passed (`checked`), so a failed or
 * interrupted check runs again at the next open.
 */
export function markOpen(
  dataDir: string,
  file: string
): { unclean: boolean; checked(): void; release(): void } {
  const prefix = `${file}.open-`
  const dead = readdirSync(dataDir).filter((name) => {
    if (!name.startsWith(prefix)) return false
    const pid = Number(name.slice(prefix.length))
    return !Number.isInteger(pid) || pid === process.pid || !isRunning(pid)
  })
  const own = join(dataDir, `${prefix}${process.pid}`)
  writeFileSync(own, `${new Date().toISOString()}\n`)
  return {
    unclean: dead.some((name) => name !== `${prefix}${process.pid}`),
    checked() {
      for (const name of dead)
        if (name !== `${prefix}${process.pid}`) rmSync(join(dataDir, name), { force: true })
    },
    release: () => rmSync(own, { force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
