import { createSettingRepo } from '../db/repos/settingRepo'
import { BUILT_IN_SANDBOX, existingSandboxId } from '../providers/sandbox/builtIn'
import type { EngineContext } from './context'
import { demoContacts } from './demoContacts'

const SEEDED_KEY = 'first_run_seeded_at'

/**
 * A fresh data dir gets the built-in Sandbox provider and a few thousand demo contacts with purchase
 * events, so a newcomer can launch a campaign before owning a WhatsApp account. Runs once:
 * contacts the operator later deletes do not come back.
 */
export function seedFirstRun(ctx: EngineContext, now = Date.now()): boolean {
  const settings = createSettingRepo(ctx.db)
  if (settings.get(SEEDED_KEY) !== null) return false
  ctx.db.transaction(() => {
    // `npm run demo` may have made it already (demo first, then the app or serve).
    if (!existingSandboxId(ctx.providers.list())) ctx.providers.create(BUILT_IN_SANDBOX, now)
    const { contacts, events } = demoContacts(3000, now)
    ctx.contacts.upsertBatch(contacts, now)
    ctx.events.insertBatch(
      events.map((e) => ({ ...e, contactId: ctx.contacts.idByPhone(e.phone)! })),
      now
    )
    settings.set(SEEDED_KEY, String(now))
  })()
  return true
}
