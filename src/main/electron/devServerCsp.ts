import type { Plugin } from 'vite'
import { devCsp } from './devCsp'

/**
 * Vite plugin for `npm run dev` only: the page's CSP meta tag gets the same dev relaxation as the
 * window's CSP header (the React Refresh preamble is an inline script). Builds keep the strict
 * policy: `apply: 'serve'`.
 */
export function devServerCsp(): Plugin {
  let origin = 'http://localhost:5173'
  return {
    name: 'tickboard-dev-csp',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address()
        if (address && typeof address === 'object') origin = `http://localhost:${address.port}`
      })
    },
    transformIndexHtml: (html) =>
      html.replace(
        /(http-equiv="Content-Security-Policy"\s+content=")([^"]+)/,
        (_m, head: string, csp: string) => head + devCsp(csp, origin)
      )
  }
}
