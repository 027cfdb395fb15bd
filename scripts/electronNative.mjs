// Builds better-sqlite3 for Electron's ABI into build/native/electron, leaving node_modules built
// for Node so `npm test` and `npm start` both work from a fresh clone, in either order.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  copyFileSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const target = join('build', 'native', 'electron')
const stamp = join(target, 'electron-version')
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) process.exit(0)

const work = mkdtempSync(join(tmpdir(), 'tickboard-native-'))
const pkgDir = join(work, 'better-sqlite3')
cpSync('node_modules/better-sqlite3', pkgDir, { recursive: true })
const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion }
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion
    ],
    { cwd: pkgDir, stdio: 'inherit', env }
  )
} catch {
  console.log('No prebuilt better-sqlite3 for this Electron; compiling from source')
  execFileSync(
    'npx',
    [
      '--no-install',
      'node-gyp',
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers'
    ],
    { cwd: pkgDir, stdio: 'inherit', env }
  )
}
mkdirSync(target, { recursive: true })
copyFileSync(
  join(pkgDir, 'build', 'Release', 'better_sqlite3.node'),
  join(target, 'better_sqlite3.node')
)
writeFileSync(stamp, electronVersion)
console.log(`better-sqlite3 built for Electron ${electronVersion}`)
