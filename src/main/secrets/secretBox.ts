import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, ErrorCode } from '../../shared/ipc/errors'

/** Encrypts provider credentials at rest. Electron uses safeStorage; headless uses a key file. */
export interface SecretBox {
  readonly kind: string
  /** Something the operator should know about how credentials are kept (shown in Settings). */
  readonly notice?: string
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

const KEY_FILE = 'secret.key'
const VERSION = 1

/**
 * AES-256-GCM with a random 96-bit nonce per value. The key comes from `envKey` (`TICKBOARD_SECRET_KEY`)
 * (64 hex chars) or from a 0600 key file in the data dir, created on first use.
 */
export function createKeyFileSecretBox(dataDir: string, envKey?: string): SecretBox {
  const key = envKey ? parseHexKey(envKey) : loadOrCreateKey(join(dataDir, KEY_FILE))
  return {
    kind: envKey ? 'aes-256-gcm (key from TICKBOARD_SECRET_KEY)' : 'aes-256-gcm (key file)',
    encrypt(plain) {
      const nonce = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, nonce)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      if (sealed[0] !== VERSION)
        // Earlier desktop builds sealed each value with the OS keychain directly (never released).
        throw new AppError(
          ErrorCode.invalidState,
          'Stored provider credentials are in a format this version cannot read: enter them again under Providers'
        )
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13))
        decipher.setAuthTag(sealed.subarray(13, 29))
        return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString(
          'utf8'
        )
      } catch {
        // GCM refuses a wrong key or a tampered value; say which key is meant, not a crypto code.
        throw new Error(
          'Stored provider credentials cannot be decrypted: the key (secret.key in the data folder or TICKBOARD_SECRET_KEY) is not the one they were saved with'
        )
      }
    }
  }
}

function parseHexKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new Error('TICKBOARD_SECRET_KEY must be 64 hex characters (32 bytes)')
  return Buffer.from(hex, 'hex')
}

function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = readFileSync(file)
    if (key.length !== 32) throw new Error(`Key file ${file} is damaged (expected 32 bytes)`)
    return key
  }
  const key = randomBytes(32)
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return key
}
