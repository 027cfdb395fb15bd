/** Largest callback body we accept (spec §4); Meta allows 3 MB but WhatsApp statuses are tiny. */
export const MAX_BODY_BYTES = 1024 * 1024

/** The path with its secret token segment replaced, for logs and diagnostics. */
export function redactPath(path: string): string {
  const parts = path.split('/')
  if (parts.length >= 4 && parts[3]) parts[3] = '…'
  return parts.join('/').slice(0, 200)
}
