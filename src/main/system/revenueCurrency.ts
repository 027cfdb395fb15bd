import { FALLBACK_CURRENCY } from '../../shared/domain/currency'
import type { SettingRepo } from '../db/repos/settingRepo'

const KEY = 'revenue.defaultCurrency'

/**
 * Settings' default revenue currency (ISO 4217): what a campaign's goal is in when it names no
 * currency of its own. USD until the operator picks another.
 */
export function createRevenueCurrency(settings: Pick<SettingRepo, 'get' | 'set'>) {
  return {
    get: (): string => settings.get(KEY) ?? FALLBACK_CURRENCY,
    set(currency: string): string {
      settings.set(KEY, currency)
      return currency
    }
  }
}
export type RevenueCurrency = ReturnType<typeof createRevenueCurrency>
