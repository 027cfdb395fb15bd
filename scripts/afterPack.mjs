// electron-builder `afterPack` hook: flips Electron fuses in the packaged binary. It runs after the
// app (and app.asar with its integrity hash) is laid out and before signing, so the OS signature
// covers the flipped bits (electron.build "Adding Electron Fuses"; electron docs tutorial/fuses).
import { FuseV1Options, FuseVersion } from '@electron/fuses'

/** Platforms whose Electron build validates the embedded asar integrity hash (asar-integrity docs). */
const ASAR_INTEGRITY_PLATFORMS = new Set(['darwin', 'mas', 'win32'])

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  const platform = context.electronPlatformName
  const integrity = ASAR_INTEGRITY_PLATFORMS.has(platform)
  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    // Nobody may run the signed binary as a plain Node with our privileges.
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    // Only app.asar is loaded, and where Electron supports it its hash is checked at start.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: integrity,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // An ad-hoc signed macOS build (no Developer ID) must be re-signed after the flip.
    resetAdHocDarwinSignature: platform === 'darwin' && context.arch === 3 /* arm64 */
  })
  console.log(
    `  • fuses flipped for ${platform}: RunAsNode off, NODE_OPTIONS off, --inspect off, cookie encryption on, only app.asar${integrity ? ', asar integrity on' : ''}`
  )
}
