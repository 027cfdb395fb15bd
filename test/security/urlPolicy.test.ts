import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { appLocation, isAppUrl, isSafeExternalUrl } from '../../src/main/electron/urlPolicy'

describe('Electron URL policy', () => {
  const rendererDir = join('/opt', 'Tickboard', 'resources', 'app.asar', 'out', 'renderer')
  const packaged = appLocation(undefined, rendererDir)
  const dev = appLocation('http://localhost:5173/', rendererDir)

  it('accepts the bundled page and its routes, nothing beside or above it', () => {
    const index = pathToFileURL(join(rendererDir, 'index.html')).href
    expect(isAppUrl(index, packaged)).toBe(true)
    expect(isAppUrl(`${index}#/campaigns`, packaged)).toBe(true)
    expect(isAppUrl(`${index}?x=1`, packaged)).toBe(true)
    for (const url of [
      pathToFileURL(join(rendererDir, '..', 'main', 'index.js')).href,
      `${pathToFileURL(rendererDir).href}/../../secret.html`,
      `${pathToFileURL(rendererDir).href}%2F..%2Fx.html`,
      pathToFileURL(`${rendererDir}-evil/index.html`).href,
      'file:///tmp/out/renderer/index.html',
      'file://evil.host/opt/Tickboard/resources/app.asar/out/renderer/index.html',
      'https://example.com/out/renderer/index.html',
      'http://localhost:5173/',
      'not a url',
      ''
    ])
      expect(isAppUrl(url, packaged), url).toBe(false)
  })

  it('compares the dev server by origin, not by prefix', () => {
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/#/settings', dev)).toBe(true)
    for (const url of [
      'http://localhost:5173.evil.test/',
      'http://localhost:51730/',
      'http://localhost:5173@evil.test/',
      'http://user:pw@localhost:5173/',
      'https://localhost:5173/',
      'file:///opt/Tickboard/resources/app.asar/out/renderer/index.html',
      'javascript:alert(1)'
    ])
      expect(isAppUrl(url, dev), url).toBe(false)
  })

  it('opens only plain https links externally', () => {
    expect(isSafeExternalUrl('https://developers.facebook.com/docs/whatsapp')).toBe(true)
    expect(isSafeExternalUrl('https://www.twilio.com/console?x=1#y')).toBe(true)
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'smb://share/x',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pw@example.com/',
      'https://exa mple.com/',
      'https://example.com/\n',
      `https://example.com/${'a'.repeat(3000)}`,
      'https:',
      'not a url'
    ])
      expect(isSafeExternalUrl(url), url).toBe(false)
  })
})
