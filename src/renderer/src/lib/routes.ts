/**
 * Each page's own address, in the URL fragment (`#/campaigns/<id>`): the fragment works the same
 * in Electron's file:// window and in the browser UI of `serve`, never reaches a server, and
 * Back/Forward and bookmarks follow it. Pure, so it is tested without a window.
 */
export type Page =
  | { name: 'campaigns' }
  | { name: 'campaign'; campaignId: string }
  | { name: 'compose'; campaignId?: string }
  | { name: 'contacts' }
  | { name: 'providers'; providerId?: string }
  | { name: 'settings'; section?: SettingsSection }
  | { name: 'pricing' }
  | { name: 'compare' }

/** Settings' own pages beside its general one: the team's users and the audit log. */
export const SETTINGS_SECTIONS = ['users', 'audit'] as const
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]

const PLAIN = ['campaigns', 'contacts', 'settings', 'pricing', 'compare'] as const

export function pageToHash(page: Page): string {
  const id = (value: string | undefined) => (value ? `/${encodeURIComponent(value)}` : '')
  switch (page.name) {
    case 'campaign':
      return `#/campaigns${id(page.campaignId)}`
    case 'compose':
      return `#/compose${id(page.campaignId)}`
    case 'providers':
      return `#/providers${id(page.providerId)}`
    case 'settings':
      return `#/settings${id(page.section)}`
    default:
      return `#/${page.name}`
  }
}

/** The page an address names; anything else (an old link, `#token=…`) opens the campaign list. */
export function hashToPage(hash: string): Page {
  const match = /^#\/([a-z]+)(?:\/([^/?#]+))?\/?$/.exec(hash)
  if (!match) return { name: 'campaigns' }
  const [, name, raw] = match
  let id: string | undefined
  try {
    id = raw ? decodeURIComponent(raw) : undefined
  } catch {
    return { name: 'campaigns' }
  }
  if (name === 'campaigns') return id ? { name: 'campaign', campaignId: id } : { name: 'campaigns' }
  if (name === 'compose') return id ? { name: 'compose', campaignId: id } : { name: 'compose' }
  if (name === 'providers')
    return id ? { name: 'providers', providerId: id } : { name: 'providers' }
  if (name === 'settings' && id) {
    const section = SETTINGS_SECTIONS.find((s) => s === id)
    return section ? { name: 'settings', section } : { name: 'settings' }
  }
  const plain = PLAIN.find((p) => p === name)
  return plain && !id ? { name: plain } : { name: 'campaigns' }
}
