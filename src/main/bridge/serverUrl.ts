import { AppError, ErrorCode } from '../../shared/ipc/errors'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * A team server's address as the desktop app keeps it: the origin (and path prefix) without a
 * trailing slash. HTTPS, or plain HTTP only to this computer: a bearer token sent over HTTP to
 * another machine can be read on the way (the server's TLS is at its proxy, deploy/).
 */
export function parseServerUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new AppError(
      ErrorCode.invalidInput,
      `${raw} is not an address: give the team server's https:// address`
    )
  }
  if (url.username || url.password || url.search || url.hash)
    throw new AppError(
      ErrorCode.invalidInput,
      'Give the server address only (no user name, password, query or #fragment); the token goes in its own field'
    )
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new AppError(
      ErrorCode.invalidInput,
      `Plain http:// to another computer would send your token readable on the way: use https://${url.host}${url.pathname === '/' ? '' : url.pathname} (the server's TLS proxy)`
    )
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError(ErrorCode.invalidInput, `${url.protocol} is not supported: use https://`)
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}
