import type { EngineContext } from '../engine/context'
import { importContacts, type ImportProgress } from './importContacts'
import { importEvents } from './importEvents'

/** Contact and event imports (progress announced as `import.progress`) and their reads. */
export function createContactService(ctx: EngineContext) {
  const progress =
    (kind: 'contacts' | 'events'): ImportProgress =>
    (processedBytes, totalBytes, processedLines) =>
      ctx.emit('import.progress', { kind, processedBytes, totalBytes, processedLines })
  return {
    importContacts: (csv: string, defaultCountry: string | undefined) =>
      importContacts(ctx.contacts, csv, defaultCountry, progress('contacts')),
    importEvents: (csv: string) => importEvents(ctx.contacts, ctx.events, csv, progress('events')),
    list: (search: string | undefined, after: string | undefined, limit: number) =>
      ctx.contacts.list(search, after, limit),
    properties: () => ctx.contacts.propertyNames(),
    /** Per example value, the contact property that holds it on recent contacts, or null. */
    suggest: (examples: string[]) =>
      examples.map((e) => (e.trim() ? ctx.contacts.propertyHolding(e.trim()) : null)),
    eventSummary: () => ctx.events.summary()
  }
}
export type ContactService = ReturnType<typeof createContactService>
