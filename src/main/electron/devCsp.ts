/**
 * The one relaxation of the window CSP for `npm run dev` (never in a packaged app):
 * `@vitejs/plugin-react` injects an inline module script (the React Refresh preamble) and Vite's
 * client opens a WebSocket to the dev server. Both are added to the strict policy for the dev
 * origin only; nothing else changes. Pure, so the Vite config and a test can use it.
 */
export function devCsp(csp: string, devServerUrl: string): string {
  const ws = new URL(devServerUrl)
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:'
  return csp
    .split(';')
    .map((d) => d.trim())
    .map((d) => {
      if (d.startsWith('script-src ')) return `${d} 'unsafe-inline'`
      if (d.startsWith('connect-src ')) return `${d} ${ws.origin}`
      return d
    })
    .join('; ')
}
