import type { ContactRepo } from '../db/repos/contactRepo'
import type { EventRepo } from '../db/repos/eventRepo'
import type { SettingRepo } from '../db/repos/settingRepo'
import type { ProviderAccounts } from '../providers/providerAccounts'
import { BUILT_IN_SANDBOX, existingSandboxId } from '../providers/sandbox/builtIn'
import { demoContacts } from './demoContacts'

const SEEDED_KEY = 'first_run_seeded_at'

/**
 * A fresh data dir gets the built-in Sandbox provider and a few thousand demo contacts with purchase
 * events, so a newcomer can launch a campaign before owning a WhatsApp account. Runs once:
 * contacts the operator later deletes do not come back.
 */
export function seedFirstRun(
  stores: {
    settings: Pick<SettingRepo, 'markOnce'>
    providers: Pick<ProviderAccounts, 'list' | 'create'>
    contacts: Pick<ContactRepo, 'upsertBatch' | 'idByPhone'>
    events: Pick<EventRepo, 'insertBatch'>
  },
  now: number
): boolean {
  return stores.settings.markOnce(SEEDED_KEY, String(now), () => {
    // `npm run demo` may have made it already (demo first, then the app or serve).
    if (!existingSandboxId(stores.providers.list())) stores.providers.create(BUILT_IN_SANDBOX, now)
    const { contacts, events } = demoContacts(3000, now)
    stores.contacts.upsertBatch(contacts, now)
    stores.events.insertBatch(
      events.map((e) => ({ ...e, contactId: stores.contacts.idByPhone(e.phone)! })),
      now
    )
  })
}
