import type { Db } from '../db/openDb'
import { createRegistrationStore, type RegistrationStore } from './store'

const stores = new WeakMap<Db, RegistrationStore>()

/** One store (prepared statements) per database connection, shared by service, readiness, routes. */
export function registrationStoreFor(db: Db): RegistrationStore {
  let store = stores.get(db)
  if (!store) {
    store = createRegistrationStore(db)
    stores.set(db, store)
  }
  return store
}
