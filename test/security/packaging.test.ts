import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The installers cannot be built here (no Electron download), so this checks what can be checked
 * offline: the config passes electron-builder's own schema, names the right files, and the
 * afterPack hook loads. It does not prove a package starts.
 */
const require = createRequire(import.meta.url)
const yaml = require('js-yaml') as { load(text: string): unknown }
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown }

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>

describe('electron-builder configuration', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the app, the targets, the icon, and ships the Electron better-sqlite3 outside the asar', () => {
    expect(config.appId).toBe('app.tickboard.desktop')
    expect(config.productName).toBe('Tickboard')
    // Never rebuilt in place: the Electron build comes from build/native/electron (see
    // nativePackaging.test.ts) and is loaded from resources/native through nativeBinding.
    expect(config.npmRebuild).toBe(false)
    // The tray icon ships beside it: closing the window keeps the engine receiving (electron/tray.ts).
    expect(config.extraResources).toEqual([
      { from: 'build/native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' },
      { from: 'resources/icon.png', to: 'icon.png' }
    ])
    expect(config.files).toEqual(
      expect.arrayContaining([
        'out/**',
        'package.json',
        '!**/node_modules/better-sqlite3/{build,deps,src}/**'
      ])
    )
    const targets = (os: string) => (config[os] as { target: string[] }).target
    expect(targets('linux')).toEqual(['AppImage', 'deb'])
    expect(targets('mac')).toEqual(['dmg'])
    expect(targets('win')).toEqual(['nsis'])

    const png = readFileSync('resources/icon.png')
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })

  it('flips the security fuses in afterPack', async () => {
    const hook = (await import(pathToFileURL(resolve(String(config.afterPack))).href)) as {
      default: (context: unknown) => Promise<void>
    }
    let flipped: Record<string, unknown> | null = null
    await hook.default({
      electronPlatformName: 'win32',
      arch: 1,
      packager: {
        addElectronFuses: async (_c: unknown, f: Record<string, unknown>) => (flipped = f)
      }
    })
    const { FuseV1Options } = require('@electron/fuses') as {
      FuseV1Options: Record<string, number>
    }
    const fuse = (name: string) => flipped?.[FuseV1Options[name]!]
    expect(fuse('RunAsNode')).toBe(false)
    expect(fuse('EnableNodeOptionsEnvironmentVariable')).toBe(false)
    expect(fuse('EnableNodeCliInspectArguments')).toBe(false)
    expect(fuse('EnableCookieEncryption')).toBe(true)
    expect(fuse('OnlyLoadAppFromAsar')).toBe(true)
    expect(fuse('EnableEmbeddedAsarIntegrityValidation')).toBe(true)
  })
})
