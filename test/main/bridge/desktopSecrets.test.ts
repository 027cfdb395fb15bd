import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDesktopSecretBox, SEALED_KEY_FILE } from '../../../src/main/bridge/desktopSecrets'
import { AppError } from '../../../src/shared/ipc/errors'
import { useTempDirs } from '../../helpers/tempDir'

/** The desktop credential box against keychain stand-ins (the main process's side is keychain.ts). */
const tempDir = useTempDirs()
const pad = (data: Uint8Array) => Buffer.from(data.map((b) => b ^ 0x33))
function keychain(available: boolean) {
  return {
    keychain: async () => ({ available, backend: 'stand-in' }),
    sealKey: async (plain: string) => (available ? pad(Buffer.from(plain)) : null),
    openKey: async (sealed: Uint8Array) => (available ? pad(sealed).toString() : null)
  }
}

describe('openDesktopSecretBox', () => {
  it('a key sealed by a keychain that is gone now: starts, and says why credentials are locked', async () => {
    const dir = tempDir()
    const first = await openDesktopSecretBox(dir, keychain(true), '')
    const sealed = first.encrypt('{"authToken":"x"}')
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(true)
    const locked = await openDesktopSecretBox(dir, keychain(false), '')
    expect(locked.notice).toMatch(/OS keychain, which is not available now/)
    expect(() => locked.decrypt(sealed)).toThrow(AppError)
    expect(() => locked.decrypt(sealed)).toThrow(/start the keyring/)
    // Back with the keyring: the same key opens the same value.
    expect((await openDesktopSecretBox(dir, keychain(true), '')).decrypt(sealed)).toBe(
      '{"authToken":"x"}'
    )
  })

  it('a value sealed some other way is a clear error, not a crypto code', async () => {
    const box = await openDesktopSecretBox(tempDir(), keychain(true), '')
    expect(() => box.decrypt(Buffer.from('v10 sealed by safeStorage directly'))).toThrow(
      /format this version cannot read: enter them again under Providers/
    )
  })
})
