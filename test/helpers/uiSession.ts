import { afterEach } from 'vitest'
import { openUi, type OpenBrowser } from './browser'
import { startServe, type ServeProcess } from './serveProcess'

/**
 * The headless engine plus Chromium on its UI for one e2e test (several browsers when a test
 * plays several users, each with its own profile); all are closed after each test, browsers
 * first, whatever the test did.
 */
export function useUiSession() {
  let serve: ServeProcess | null = null
  let uis: OpenBrowser[] = []
  afterEach(async () => {
    for (const ui of uis) await ui.close()
    await serve?.stop()
    uis = []
    serve = null
  })
  return {
    async serve(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
      serve = await startServe(args, env)
      return serve
    },
    async openUi(uiUrl: string): Promise<OpenBrowser> {
      const ui = await openUi(uiUrl)
      uis.push(ui)
      return ui
    }
  }
}
