import { Menu, type MenuItemConstructorOptions } from 'electron'

/**
 * The application menu. Electron's default menu carries View → Toggle Developer Tools and
 * Reload; a packaged app gets only the app, Edit (copy/paste shortcuts) and Window menus.
 * Development keeps the default menu.
 */
export function installMenu(packaged: boolean): void {
  if (!packaged) return
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'editMenu' },
    { role: 'windowMenu' }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
