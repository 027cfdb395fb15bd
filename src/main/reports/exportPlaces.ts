import { realpathSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { Role } from '../../shared/domain/roles'
import type { Kernel } from '../kernel/kernel'

/**
 * The folder a caller's exports and scheduled reports are confined to, or null (anywhere the
 * engine's user can write): `serve --exports-dir` for every caller. Only an admin (the desktop
 * app's own user among them) may write a file on the engine's machine without it: a viewer's or
 * operator's path export needs that folder (spec §8), else they download instead. `role`
 * undefined: the engine itself (a scheduled run, checked against the folder again).
 */
export function exportsRootFor(kernel: Kernel, role?: Role): string | null {
  const root = kernel.config.exportsDir ?? null
  if (root === null && role !== undefined && role !== 'admin')
    throw new AppError(
      ErrorCode.forbidden,
      `Writing a file on the engine's machine needs the admin role unless serve runs with --exports-dir; you are ${role === 'viewer' ? 'a viewer' : 'an operator'}: download the export instead (reports.prepareDownload)`,
      { requiredRole: 'admin' }
    )
  return root
}

function refuse(root: string, requested: string): AppError {
  return new AppError(
    ErrorCode.invalidInput,
    `${requested} is outside the exports folder ${root}: with --exports-dir, exports and scheduled reports take a name inside that folder (no absolute path or .. elsewhere)`,
    { rule: 'exports-dir', root }
  )
}

/** Whether a real (symlink-free) path is the root or below it. */
function inside(realRoot: string, realPath: string): boolean {
  const rel = relative(realRoot, realPath)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function realFolder(folder: string): string {
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError(ErrorCode.invalidInput, `Folder ${folder} does not exist`)
  return realpathSync(folder)
}

/**
 * The path an export writes to. Confined: a name (or relative path) inside the root, resolved
 * through symlinks, so neither `..` nor a link inside the folder leads out of it; the file's own
 * name is written by rename or link, which replace a link itself, never what it points to.
 * Unconfined: an absolute path, as the desktop save dialog and a local script give it.
 */
export function exportFilePath(kernel: Kernel, requested: string, role?: Role): string {
  const root = exportsRootFor(kernel, role)
  if (root === null) {
    if (!isAbsolute(requested))
      throw new AppError(ErrorCode.invalidInput, `Export path must be absolute, got ${requested}`)
    return requested
  }
  const realRoot = realpathSync(root)
  const wanted = resolve(realRoot, requested)
  const name = basename(wanted)
  if (!inside(realRoot, wanted) || wanted === realRoot) throw refuse(root, requested)
  const folder = realFolder(dirname(wanted))
  if (!inside(realRoot, folder)) throw refuse(root, requested)
  return join(folder, name)
}

/** The folder a schedule writes into: inside the root when confined (checked again at each run). */
export function exportFolderPath(kernel: Kernel, requested: string, role?: Role): string {
  const root = exportsRootFor(kernel, role)
  if (root === null) {
    if (!isAbsolute(requested))
      throw new AppError(ErrorCode.invalidInput, `Folder ${requested} does not exist`)
    realFolder(requested)
    return requested
  }
  const realRoot = realpathSync(root)
  const wanted = resolve(realRoot, requested)
  if (!inside(realRoot, wanted)) throw refuse(root, requested)
  const folder = realFolder(wanted)
  if (!inside(realRoot, folder)) throw refuse(root, requested)
  return folder
}
