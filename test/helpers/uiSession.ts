import { afterEach } from 'vitest'
import { openUi, type OpenBrowser } from './browser'
import { startServe, type ServeProcess } from './serveProcess'

/**
 * The headless engine plus Chromium on its UI for one e2e test; both are closed after each test,
 * browser first, whatever the test did.
 */
export function useUiSession() {
  let serve: ServeProcess | null = null
  let ui: OpenBrowser | null = null
  afterEach(async () => {
    await ui?.close()
    await serve?.stop()
    ui = null
    serve = null
  })
  return {
    async serve(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
      serve = await startServe(args, env)
      return serve
    },
    async openUi(uiUrl: string): Promise<OpenBrowser> {
      ui = await openUi(uiUrl)
      return ui
    }
  }
}
