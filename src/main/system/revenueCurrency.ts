import { FALLBACK_CURRENCY } from '../../shared/domain/currency'
import type { SettingRepo } from '../db/repos/settingRepo'

const KEY = 'revenue.defaultCurrency'

/**
 * Settings' default revenue currency (ISO 4217): what a campaign's goal is in when it names no
 * currency of its own. USD until the operator picks another. Every summary and cost read asks
 * for it, so it is read once and kept: this is the key's only writer, and `set` keeps the value
 * it stored (a restored data file is opened by a new engine, with a new one of these).
 */
export function createRevenueCurrency(settings: Pick<SettingRepo, 'get' | 'set'>) {
  let kept: string | null = null
  return {
    get: (): string => (kept ??= settings.get(KEY) ?? FALLBACK_CURRENCY),
    set(currency: string): string {
      settings.set(KEY, currency)
      kept = currency
      return currency
    }
  }
}
export type RevenueCurrency = ReturnType<typeof createRevenueCurrency>
