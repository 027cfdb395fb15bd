import { DEFAULT_OPT_OUT_KEYWORDS } from '../../shared/domain/optOuts'
import type { SettingRepo } from '../db/repos/settingRepo'

const KEY = 'opt_out_keywords'

/** A keyword as compared: trimmed, inner spaces collapsed, upper case. */
export const normaliseKeyword = (text: string): string =>
  text.trim().replace(/\s+/g, ' ').toUpperCase()

/**
 * The opt-out keywords (Settings): a reply whose whole text is one of them, case-insensitive,
 * marks its sender as opted out of marketing messages (spec §4). Defaults until edited.
 */
export function createKeywordStore(settings: SettingRepo) {
  function list(): string[] {
    const stored = settings.get(KEY)
    if (stored === null) return [...DEFAULT_OPT_OUT_KEYWORDS]
    try {
      const parsed = JSON.parse(stored) as unknown
      return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : []
    } catch {
      return [...DEFAULT_OPT_OUT_KEYWORDS]
    }
  }
  return {
    list,
    /** Stores the operator's list (normalised, deduplicated, blanks dropped). */
    set(keywords: string[]): string[] {
      const clean = [...new Set(keywords.map(normaliseKeyword).filter(Boolean))]
      settings.set(KEY, JSON.stringify(clean))
      return clean
    },
    /** Whether a reply's whole text is an opt-out keyword. */
    matches(text: string | null): boolean {
      if (!text) return false
      const wanted = normaliseKeyword(text)
      return list().some((k) => normaliseKeyword(k) === wanted)
    }
  }
}
export type KeywordStore = ReturnType<typeof createKeywordStore>
