import type { Clock } from '../kernel/kernel'
import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { EventSink } from '../../shared/ipc/contract'
import { importContacts, type ImportProgress } from './importContacts'
import { importEvents } from './importEvents'

/** Contact and event imports (progress announced as `import.progress`) and their reads. */
export function createContactService(stores: {
  contacts: ContactRepo
  events: EventRepo
  emit: EventSink
  /** The engine's clock: when contacts and events were imported. */
  clock: Clock
}) {
  const { contacts, events } = stores
  const progress =
    (kind: 'contacts' | 'events'): ImportProgress =>
    (processedBytes, totalBytes, processedLines) =>
      stores.emit('import.progress', { kind, processedBytes, totalBytes, processedLines })
  return {
    importContacts: (csv: string, defaultCountry: string | undefined) =>
      importContacts(contacts, csv, defaultCountry, progress('contacts'), stores.clock),
    importEvents: (csv: string) =>
      importEvents(contacts, events, csv, progress('events'), stores.clock),
    list: (search: string | undefined, after: string | undefined, limit: number) =>
      contacts.list(search, after, limit),
    properties: () => contacts.propertyNames(),
    /** Per example value, the contact property that holds it on recent contacts, or null. */
    suggest: (examples: string[]) =>
      examples.map((e) => (e.trim() ? contacts.propertyHolding(e.trim()) : null)),
    eventSummary: () => events.summary()
  }
}
export type ContactService = ReturnType<typeof createContactService>
