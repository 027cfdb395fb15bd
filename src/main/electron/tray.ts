import { join } from 'node:path'
import { Menu, Tray, nativeImage } from 'electron'

/**
 * The visible sign that Tickboard still receives reports with its window closed: a tray (menu
 * bar) icon whose menu opens the window or quits (https://www.electronjs.org/docs/latest/api/tray).
 */
export function createTray(actions: { open(): void; quit(): void }, iconPath: string) {
  const image = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 })
  const tray = new Tray(image)
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Tickboard', click: () => actions.open() },
      { type: 'separator' },
      { label: 'Quit Tickboard', click: () => actions.quit() }
    ])
  )
  tray.on('click', () => actions.open())
  function status(text: string | null): void {
    tray.setToolTip(text ? `Tickboard — ${text}` : 'Tickboard — receiving reports')
  }
  status(null)
  return { status, destroy: () => tray.destroy() }
}

/** The app icon shipped beside the build (resources/icon.png). */
export function trayIconPath(appPath: string, packaged: boolean, resourcesPath: string): string {
  return packaged ? join(resourcesPath, 'icon.png') : join(appPath, 'resources/icon.png')
}
