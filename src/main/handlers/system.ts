import type { EngineServices } from '../engine/services'
import { systemInfo } from '../engine/systemInfo'
import type { DomainHandlers } from './types'

export function systemHandlers({
  ctx,
  keepAwake
}: EngineServices): DomainHandlers<'system.info' | 'system.keepAwake' | 'system.loginItem'> {
  return {
    'system.info': () => systemInfo(ctx),
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
