import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'reports.export'
  | 'reports.prepareDownload'
  | 'reports.chooseSavePath'
  | 'reports.schedule'
  | 'reports.schedules'
  | 'reports.unschedule'

export function reportHandlers({ reports }: EngineServices): DomainHandlers<Routes> {
  return {
    'reports.export': (i, caller) => reports.export(i, caller.role),
    'reports.prepareDownload': (i, caller) => reports.prepareDownload(i, caller.id),
    'reports.chooseSavePath': (i) => reports.chooseSavePath(i.defaultName, i.format),
    'reports.schedule': (i, caller) => reports.schedule(i, caller.role),
    'reports.schedules': (i) => reports.schedules(i.campaignId),
    'reports.unschedule': (i) => reports.unschedule(i.id)
  }
}
