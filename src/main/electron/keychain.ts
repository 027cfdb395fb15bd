import { safeStorage } from 'electron'
import type { HostServices } from '../bridge/hostApi'

/**
 * The OS keychain through Electron `safeStorage` (Keychain, DPAPI, libsecret/kwallet), used only
 * to seal the engine's credentials key. On Linux without a keyring daemon (or on a desktop
 * Chromium does not recognise) it is unavailable or falls back to `basic_text`, a hard-coded
 * password: both count as no keychain, and the engine then keeps its key in a 0600 file.
 */
export function createKeychain(): Pick<HostServices, 'keychain' | 'sealKey' | 'openKey'> {
  const status = (): { available: boolean; backend: string } => {
    if (!safeStorage.isEncryptionAvailable()) return { available: false, backend: 'none' }
    if (process.platform !== 'linux')
      return { available: true, backend: process.platform === 'darwin' ? 'Keychain' : 'DPAPI' }
    const backend = safeStorage.getSelectedStorageBackend()
    return { available: backend !== 'basic_text' && backend !== 'unknown', backend }
  }
  return {
    keychain: async () => status(),
    sealKey: async (plain) => (status().available ? safeStorage.encryptString(plain) : null),
    openKey: async (sealed) =>
      status().available ? safeStorage.decryptString(Buffer.from(sealed)) : null
  }
}
