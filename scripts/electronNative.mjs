// Builds better-sqlite3 for Electron's ABI into build/native/electron, in a staging copy, so
// node_modules stays built for Node: `npm test`, `npm run serve`, `npm run dev` and `npm run dist`
// work in any order. The app loads this copy through better-sqlite3's `nativeBinding` option
// (development: build/native/electron; packaged: resources/native via `extraResources`).
//   node scripts/electronNative.mjs [--out DIR]
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const sqliteVersion = require('better-sqlite3/package.json').version
const outArg = process.argv.indexOf('--out')
const target = outArg > 0 ? process.argv[outArg + 1] : join('build', 'native', 'electron')
// A cached build is reused only for the same Electron AND the same better-sqlite3.
const key = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}, ${process.platform}-${process.arch}`
const stamp = join(target, 'build-key')
if (
  existsSync(stamp) &&
  existsSync(join(target, 'better_sqlite3.node')) &&
  readFileSync(stamp, 'utf8') === key
)
  process.exit(0)

const work = mkdtempSync(join(tmpdir(), 'tickboard-native-'))
const pkgDir = join(work, 'better-sqlite3')
const source = require.resolve('better-sqlite3/package.json').replace(/package\.json$/, '')
// The Node build (build/) is neither needed nor touched: the staging copy builds its own.
cpSync(source, pkgDir, {
  recursive: true,
  filter: (from) => !from.startsWith(join(source, 'build'))
})
const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion }
// Under `npm run`, an npm-configured nodedir (Node's own headers, e.g. nodedir=/usr) reaches
// node-gyp as npm_config_nodedir and would silently build for Node's ABI instead of Electron's.
delete env.npm_config_nodedir
// Node's own executable runs each tool's JavaScript entry: no `npx`/`.cmd` shims, so the same
// call works on Windows without a shell.
const run = (script, args) =>
  execFileSync(process.execPath, [script, ...args], { cwd: pkgDir, stdio: 'inherit', env })
try {
  try {
    run(require.resolve('prebuild-install/bin.js'), [
      '--runtime',
      'electron',
      '--target',
      electronVersion
    ])
  } catch {
    console.log('No prebuilt better-sqlite3 for this Electron; compiling from source')
    run(require.resolve('node-gyp/bin/node-gyp.js'), [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers'
    ])
  }
  mkdirSync(target, { recursive: true })
  copyFileSync(
    join(pkgDir, 'build', 'Release', 'better_sqlite3.node'),
    join(target, 'better_sqlite3.node')
  )
  writeFileSync(stamp, key)
  console.log(`better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} in ${target}`)
} catch (err) {
  console.error(
    `Could not build better-sqlite3 for Electron ${electronVersion} (${err.message.split('\n')[0]}); node_modules is unchanged`
  )
  process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
