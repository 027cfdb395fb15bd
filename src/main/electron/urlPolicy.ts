import { sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the app's own pages live: the dev server origin in development, else the folder of the
 * bundled renderer. Pure (no `electron` import) so the policy is unit-tested under Node.
 */
export type AppLocation = { kind: 'dev'; origin: string } | { kind: 'file'; rendererDir: string }

export function appLocation(devServerUrl: string | undefined, rendererDir: string): AppLocation {
  if (devServerUrl) return { kind: 'dev', origin: new URL(devServerUrl).origin }
  return { kind: 'file', rendererDir }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * True only for the app's own pages. Parsed and compared by origin or by resolved file path,
 * never by prefix: `http://localhost:5173.evil.test` or `file:///tmp/out/renderer/../x.html`
 * must not pass (Electron security checklist item 13).
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  const parsed = parse(url)
  if (!parsed || parsed.username || parsed.password) return false
  if (location.kind === 'dev') {
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
    return parsed.origin === location.origin
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost'))
    return false
  let path: string
  try {
    path = fileURLToPath(new URL(parsed.pathname, 'file:///'))
  } catch {
    return false
  }
  const root = location.rendererDir.endsWith(sep)
    ? location.rendererDir
    : location.rendererDir + sep
  return path.startsWith(root)
}

/**
 * Links the operator may open in the system browser: plain https URLs with a host and without
 * embedded credentials. Everything else (file:, smb:, javascript:, custom schemes) is refused,
 * because `shell.openExternal` would hand it to whatever program the OS associates with it.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048 || [...url].some((c) => c <= ' ' || c === '\u007f')) return false
  const parsed = parse(url)
  if (!parsed) return false
  return (
    parsed.protocol === 'https:' && parsed.hostname !== '' && !parsed.username && !parsed.password
  )
}
