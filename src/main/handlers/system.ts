import type { EngineServices } from '../engine/services'
import { systemInfo } from '../engine/systemInfo'
import type { DomainHandlers } from './types'

export function systemHandlers({
  ctx,
  keepAwake,
  revenueCurrency
}: EngineServices): DomainHandlers<
  'system.info' | 'system.keepAwake' | 'system.loginItem' | 'system.currency' | 'system.setCurrency'
> {
  return {
    'system.info': () => systemInfo(ctx),
    'system.currency': () => ({ currency: revenueCurrency.get() }),
    'system.setCurrency': (i) => ({ currency: revenueCurrency.set(i.currency) }),
    'system.keepAwake': () => keepAwake.state(),
    async 'system.loginItem'(i) {
      const loginItem = ctx.config.loginItem
      if (!loginItem)
        return {
          supported: false,
          openAtLogin: false,
          note: 'Only the desktop app can start at login; run `serve` under your system’s service manager.'
        }
      const state = await loginItem(i.openAtLogin)
      return {
        ...state,
        note: state.supported
          ? null
          : 'This system has no login item Tickboard can set: add it to your desktop’s autostart applications.'
      }
    }
  }
}
