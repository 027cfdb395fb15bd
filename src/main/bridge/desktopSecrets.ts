import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { createKeyFileSecretBox, type SecretBox } from '../secrets/secretBox'
import type { HostServices } from './hostApi'

/** The credentials key sealed by the OS keychain (Electron safeStorage) of the main process. */
export const SEALED_KEY_FILE = 'secret.key.sealed'
/** The plain key file of headless mode, also the desktop fallback without a keychain. */
const PLAIN_KEY_FILE = 'secret.key'

export const NO_KEYCHAIN_NOTICE =
  'No OS keychain is available (no keyring daemon, or a desktop Chromium does not recognise), so provider credentials are encrypted with a key kept in secret.key in the data folder (readable only by your user). Anyone who can read that folder as you can decrypt them; use full-disk encryption, or start Tickboard where a keyring (GNOME Keyring, KWallet) runs.'

/**
 * The desktop engine's credential box. Credentials are AES-256-GCM sealed with one random key
 * (synchronous, as the engine needs); that key is sealed by the OS keychain in the main process,
 * so one request at start crosses the port instead of one per secret. Without a keychain the key
 * lives in a 0600 key file, as in headless mode, and the box says so (`notice`).
 */
export async function openDesktopSecretBox(
  dataDir: string,
  host: Pick<HostServices, 'keychain' | 'sealKey' | 'openKey'>,
  envKey: string | undefined
): Promise<SecretBox> {
  if (envKey) return createKeyFileSecretBox(dataDir, envKey)
  mkdirSync(dataDir, { recursive: true })
  const sealedFile = join(dataDir, SEALED_KEY_FILE)
  const keychain = await host.keychain()
  if (existsSync(sealedFile)) {
    const key = await host.openKey(readFileSync(sealedFile))
    if (key === null) return lockedBox()
    return relabel(createKeyFileSecretBox(dataDir, key), keychain.backend)
  }
  if (existsSync(join(dataDir, PLAIN_KEY_FILE)) || !keychain.available)
    return plainKeyFileBox(dataDir)
  const key = randomBytes(32).toString('hex')
  const sealed = await host.sealKey(key)
  if (!sealed) return plainKeyFileBox(dataDir)
  writeFileSync(sealedFile, sealed, { mode: 0o600, flag: 'wx' })
  return relabel(createKeyFileSecretBox(dataDir, key), keychain.backend)
}

function relabel(box: SecretBox, backend: string): SecretBox {
  return { ...box, kind: `aes-256-gcm, key sealed by the OS keychain (${backend})` }
}

function plainKeyFileBox(dataDir: string): SecretBox {
  // '' = no key from the environment: the key file in the data folder (created 0600 on first use).
  const box = createKeyFileSecretBox(dataDir, '')
  return { ...box, kind: 'aes-256-gcm (key file, no OS keychain)', notice: NO_KEYCHAIN_NOTICE }
}

/** The keychain that sealed the key is gone (keyring not running): start, but say why secrets fail. */
function lockedBox(): SecretBox {
  const message =
    'Provider credentials are sealed with the OS keychain, which is not available now: start the keyring (GNOME Keyring, KWallet) and restart Tickboard'
  return {
    kind: 'locked (OS keychain not available)',
    notice: message,
    encrypt: () => {
      throw new AppError(ErrorCode.unavailable, message)
    },
    decrypt: () => {
      throw new AppError(ErrorCode.unavailable, message)
    }
  }
}
