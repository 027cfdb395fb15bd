import { app } from 'electron'

/**
 * Start at login through `app.setLoginItemSettings` / `getLoginItemSettings`, which Electron
 * implements on macOS and Windows only (https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows).
 */
export function loginItem(
  openAtLogin?: boolean
): Promise<{ supported: boolean; openAtLogin: boolean }> {
  const supported = process.platform === 'darwin' || process.platform === 'win32'
  if (!supported) return Promise.resolve({ supported, openAtLogin: false })
  if (openAtLogin !== undefined) app.setLoginItemSettings({ openAtLogin })
  return Promise.resolve({ supported, openAtLogin: app.getLoginItemSettings().openAtLogin })
}
