import { create } from 'zustand'
import { hashToPage, pageToHash, type Page } from '../lib/routes'

export type { Page }

interface UiState {
  page: Page
  /** Opens a page and gives it its own entry in the history (Back returns here). */
  navigate(page: Page): void
}

const hasWindow = typeof window !== 'undefined'

/** Which page is open: the URL fragment is the one source, so reload, links and Back agree. */
export const useUiStore = create<UiState>()((set) => ({
  page: hasWindow ? hashToPage(window.location.hash) : { name: 'campaigns' },
  navigate(page) {
    set({ page })
    const hash = pageToHash(page)
    if (hasWindow && window.location.hash !== hash) window.location.hash = hash
  }
}))

// Back, Forward, an edited address or a followed link: the fragment names the page.
if (hasWindow)
  window.addEventListener('hashchange', () => {
    const page = hashToPage(window.location.hash)
    if (pageToHash(page) !== pageToHash(useUiStore.getState().page)) useUiStore.setState({ page })
  })
