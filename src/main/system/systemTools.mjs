// The one definition of where the system programs Tickboard relies on are found: Chromium (PDF
// export in headless mode, the end-to-end tests) and poppler's pdftotext/pdftoppm (tests that read
// PDFs back). Plain JavaScript without dependencies, so `npm test`'s pretest step can run it
// before anything is built; the engine, the tests and the benchmarks import the same file.
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Executable names tried on PATH, in order, when CHROMIUM_PATH is not set. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome']
export const POPPLER_TOOLS = ['pdftotext', 'pdftoppm']
/** Debian/Ubuntu packages that provide both. */
export const APT_PACKAGES = ['chromium', 'poppler-utils']
/** The install command on Debian/Ubuntu, with `sudo` for a non-root user. */
export function aptInstallCommand(sudo = false) {
  const s = sudo ? 'sudo ' : ''
  return `${s}apt-get update && ${s}apt-get install -y ${APT_PACKAGES.join(' ')}`
}
/** The fix named wherever a Chromium is needed and none is found. */
export const CHROMIUM_FIX = `install Chromium (Debian/Ubuntu: ${aptInstallCommand(true)}) or set CHROMIUM_PATH to a Chromium or Chrome executable`

/** Flags that let Chromium run headless on servers and in CI, without network chatter. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The first executable called `name` on the PATH of `env` (PATHEXT on Windows), else null. */
export function findOnPath(name, env) {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD').split(';') : ['']
  for (const dir of dirs)
    for (const ext of exts) {
      const file = join(dir, name + ext)
      if (isExecutable(file)) return file
    }
  return null
}

/**
 * The Chromium to use: `CHROMIUM_PATH` when set (and only it: a wrong path is an error, not a
 * reason to pick another browser), else the first of CHROMIUM_NAMES on PATH; null when none.
 */
export function findChromium(env) {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null
  for (const name of CHROMIUM_NAMES) {
    const found = findOnPath(name, env)
    if (found) return found
  }
  return null
}

/** What is missing for the tests: a list of human names, empty when everything is there. */
export function missingTestTools(env) {
  const missing = []
  if (!findChromium(env))
    missing.push(
      env.CHROMIUM_PATH
        ? `Chromium (CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable)`
        : 'Chromium'
    )
  for (const tool of POPPLER_TOOLS) if (!findOnPath(tool, env)) missing.push(`poppler's ${tool}`)
  return missing
}
