import { safeStorage } from 'electron'
import type { SecretBox } from '../secrets/secretBox'

/** Credentials encrypted with the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
export function createSafeStorageBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable())
    throw new Error(
      'The OS keychain is not available, so provider credentials cannot be stored safely'
    )
  return {
    kind: `safeStorage (${process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os keychain'})`,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed)
  }
}
