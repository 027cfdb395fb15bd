import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes =
  | 'contacts.import'
  | 'contacts.list'
  | 'contacts.properties'
  | 'contacts.suggestProperties'
  | 'events.import'
  | 'events.summary'

export function contactHandlers({ contacts }: EngineServices): DomainHandlers<Routes> {
  return {
    'contacts.import': (i) => contacts.importContacts(i.csv, i.defaultCountry),
    'contacts.list': (i) => contacts.list(i.search, i.after, i.limit),
    'contacts.properties': () => ({ properties: contacts.properties() }),
    'contacts.suggestProperties': (i) => ({ properties: contacts.suggest(i.examples) }),
    'events.import': (i) => contacts.importEvents(i.csv),
    'events.summary': () => ({ events: contacts.eventSummary() })
  }
}
