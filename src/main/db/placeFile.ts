import { lstatSync } from 'node:fs'
import { link, rename, rm } from 'node:fs/promises'
import { AppError, ErrorCode } from '../../shared/ipc/errors'

/** Where a file is written, and whether the caller said an existing file there may be replaced. */
export interface FileTarget {
  path: string
  overwrite: boolean
}

/** The refusal for an existing file (spec §8: nothing is replaced unless the call says so). */
export function existsConflict(path: string): AppError {
  return new AppError(ErrorCode.conflict, `${path} exists; pass overwrite: true to replace it`, {
    path
  })
}

/** Before any work: refuses a target that exists (a file, a link, anything) without overwrite. */
export function checkNotReplacing(target: FileTarget): void {
  if (!target.overwrite && lstatSync(target.path, { throwIfNoEntry: false }))
    throw existsConflict(target.path)
}

/**
 * Moves a finished side file into place, so the file appears only when complete. Without
 * overwrite the move is a hard link, which fails when the name exists, even one created after
 * the first check (no window where a foreign file would be replaced); a file system without hard
 * links gets a check then a rename. A rename replaces a symlink itself, never what it points to.
 */
export async function placeFile(partial: string, target: FileTarget): Promise<void> {
  if (target.overwrite) return rename(partial, target.path)
  try {
    await link(partial, target.path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw existsConflict(target.path)
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err
    checkNotReplacing(target)
    return rename(partial, target.path)
  }
  await rm(partial, { force: true })
}
