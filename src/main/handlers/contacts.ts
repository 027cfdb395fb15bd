import { importContacts } from '../contacts/importContacts'
import { importEvents } from '../contacts/importEvents'
import type { EngineContext } from '../engine/context'
import type { DomainHandlers } from './types'

type Routes =
  'contacts.import' | 'contacts.list' | 'contacts.properties' | 'events.import' | 'events.summary'

export function contactHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  const progress =
    (kind: 'contacts' | 'events') =>
    (processedBytes: number, totalBytes: number, processedLines: number) =>
      ctx.emit('import.progress', { kind, processedBytes, totalBytes, processedLines })
  return {
    'contacts.import': (i) =>
      importContacts(ctx.contacts, i.csv, i.defaultCountry, progress('contacts')),
    'contacts.list': (i) => ctx.contacts.list(i.search, i.offset, i.limit),
    'contacts.properties': () => ({ properties: ctx.contacts.propertyNames() }),
    'events.import': (i) => importEvents(ctx.contacts, ctx.events, i.csv, progress('events')),
    'events.summary': () => ({ events: ctx.events.summary() })
  }
}
