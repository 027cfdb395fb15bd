import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../helpers/tempDir'

/**
 * The native part of `npm run dist`: better-sqlite3 for Electron is built by
 * scripts/electronNative.mjs in a staging copy, and electron-builder does not rebuild
 * node_modules (npmRebuild: false), so the Node build `npm test` and `serve` load stays intact.
 * Electron's headers and prebuilds cannot be downloaded here, so the build itself fails offline;
 * what is checked is that, built or not, node_modules is untouched and still loads under Node.
 */
const tempDir = useTempDirs()
const require = createRequire(import.meta.url)
const NODE_BUILD = resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node')
const SCRIPT = resolve('scripts/electronNative.mjs')
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const buildKey = (sqlite: string) =>
  `electron ${require('electron/package.json').version}, better-sqlite3 ${sqlite}, ${process.platform}-${process.arch}`

/** Downloads fail at once through a closed local proxy port, whatever the network does. */
const OFFLINE = Object.fromEntries(
  ['HTTPS_PROXY', 'https_proxy', 'npm_config_proxy', 'npm_config_https_proxy'].map((k) => [
    k,
    'http://127.0.0.1:9'
  ])
)

function runNative(out: string) {
  return spawnSync(process.execPath, [SCRIPT, '--out', out], {
    encoding: 'utf8',
    timeout: 170_000,
    env: { ...process.env, ...OFFLINE, npm_config_nodedir: '/usr' }
  })
}

describe('packaging the Electron build of better-sqlite3', () => {
  it('every dist script builds it before electron-builder runs', () => {
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    for (const name of ['dist', 'dist:linux', 'dist:mac', 'dist:win'])
      expect(scripts[name]).toMatch(/node scripts\/electronNative\.mjs && electron-builder/)
  })

  it('leaves the Node build in node_modules untouched and loadable', { timeout: 180_000 }, () => {
    const before = sha(NODE_BUILD)
    const out = join(tempDir(), 'electron')
    const result = runNative(out)
    // No download can succeed, so both prebuild-install and node-gyp fail, and it says so.
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/compiling from source/)
    // Against Electron's headers, even when npm passes its own nodedir (npm_config_nodedir).
    expect(result.stderr).toMatch(/electronjs\.org\/headers\/v\d/)
    expect(result.stderr).toMatch(/Could not build better-sqlite3 .* node_modules is unchanged/)
    expect(existsSync(join(out, 'better_sqlite3.node'))).toBe(false)
    expect(sha(NODE_BUILD)).toBe(before)
    const load = spawnSync(
      process.execPath,
      [
        '-e',
        "console.log(new (require('better-sqlite3'))(':memory:').prepare('select 41 + 1 as n').get().n)"
      ],
      { encoding: 'utf8' }
    )
    expect(load.stdout.trim(), load.stderr).toBe('42')
  })

  it(
    'reuses a cached build only for the same Electron and better-sqlite3 versions',
    {
      timeout: 180_000
    },
    () => {
      const sqlite = require('better-sqlite3/package.json').version as string
      const cached = join(tempDir(), 'electron')
      mkdirSync(cached)
      writeFileSync(join(cached, 'better_sqlite3.node'), 'cached build')
      writeFileSync(join(cached, 'build-key'), buildKey(sqlite))
      const hit = runNative(cached)
      expect(hit.status).toBe(0)
      expect(hit.stdout + hit.stderr).toBe('')

      writeFileSync(join(cached, 'build-key'), buildKey('11.0.0'))
      const stale = runNative(cached)
      // A different better-sqlite3 is rebuilt (offline the attempt fails and says so).
      expect(stale.stdout + stale.stderr).toMatch(
        /prebuild|compiling|better-sqlite3 .* built|Could not build/
      )
    }
  )
})
