import { powerSaveBlocker } from 'electron'
import type { EngineApi } from '../bridge/remoteEngine'

export interface KeepAwakeState {
  keepAwake: boolean
  reason: string | null
}

/**
 * Follows the engine's decision (`system.keepAwake`, engine/system/keepAwake.ts): while it says
 * keep awake, one 'prevent-app-suspension' blocker holds, so an asleep computer does not lose
 * reports (https://www.electronjs.org/docs/latest/api/power-save-blocker). Returns the stop.
 */
export function followKeepAwake(
  engine: EngineApi,
  onChange: (state: KeepAwakeState) => void
): () => void {
  let blocker: number | null = null
  function apply(state: KeepAwakeState): void {
    if (state.keepAwake && blocker === null)
      blocker = powerSaveBlocker.start('prevent-app-suspension')
    if (!state.keepAwake && blocker !== null) {
      powerSaveBlocker.stop(blocker)
      blocker = null
    }
    onChange(state)
  }
  const unsubscribe = engine.subscribe((name, payload) => {
    if (name === 'system.keepAwake') apply(payload as KeepAwakeState)
  })
  void engine.invoke('system.keepAwake', {}).then((result) => {
    if (result.ok) apply(result.data as KeepAwakeState)
  })
  return () => {
    unsubscribe()
    if (blocker !== null) powerSaveBlocker.stop(blocker)
    blocker = null
  }
}
