import type { Output } from '../../shared/ipc/contract'
import type { EngineServices } from '../engine/services'
import type { EngineConfig } from '../kernel/kernel'
import type { DomainHandlers } from './types'

export function systemHandlers({
  kernel,
  systemInfo,
  keepAwake,
  revenueCurrency
}: EngineServices): DomainHandlers<
  | 'system.info'
  | 'system.keepAwake'
  | 'system.loginItem'
  | 'system.setLoginItem'
  | 'system.currency'
  | 'system.setCurrency'
> {
  return {
    'system.info': systemInfo,
    'system.currency': () => ({ currency: revenueCurrency.get() }),
    'system.setCurrency': (i) => ({ currency: revenueCurrency.set(i.currency) }),
    'system.keepAwake': () => keepAwake.state(),
    'system.loginItem': () => loginItemState(kernel.config.loginItem),
    'system.setLoginItem': (i) => loginItemState(kernel.config.loginItem, i.openAtLogin)
  }
}

/** Reads start-at-login, or sets it when given a value; says why where it cannot be set. */
async function loginItemState(
  loginItem: EngineConfig['loginItem'],
  openAtLogin?: boolean
): Promise<Output<'system.loginItem'>> {
  if (!loginItem)
    return {
      supported: false,
      openAtLogin: false,
      note: 'Only the desktop app can start at login; run `serve` under your system’s service manager.'
    }
  const state = await loginItem(openAtLogin)
  return {
    ...state,
    note: state.supported
      ? null
      : 'This system has no login item Tickboard can set: add it to your desktop’s autostart applications.'
  }
}
