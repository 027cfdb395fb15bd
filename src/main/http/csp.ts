/**
 * The one Content-Security-Policy of the renderer, wherever it is served: the Electron window,
 * the headless UI and the print server. A leaf module (imports nothing) so any transport can use it.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

/**
 * RENDERER_CSP as the `<meta>` of src/renderer/index.html carries it (a page served from a file
 * has no headers): browsers ignore `frame-ancestors` in a meta tag, so it is left out there.
 * A test keeps index.html equal to this.
 */
export const RENDERER_META_CSP = RENDERER_CSP.replace(/; frame-ancestors [^;]+/, '')
