import type { EngineContext } from './context'
import { demoContacts } from './demoContacts'

const SEEDED_KEY = 'first_run_seeded_at'

/**
 * A fresh data dir gets a Sandbox provider and a few thousand demo contacts with purchase
 * events, so a newcomer can launch a campaign before owning a WhatsApp account. Runs once:
 * contacts the operator later deletes do not come back.
 */
export function seedFirstRun(ctx: EngineContext, now = Date.now()): boolean {
  const done = ctx.db
    .prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?')
    .get(SEEDED_KEY)
  if (done) return false
  ctx.db.transaction(() => {
    ctx.providers.create({ type: 'sandbox', name: 'Sandbox (built in)', config: {} }, now)
    const { contacts, events } = demoContacts(3000, now)
    ctx.contacts.upsertBatch(contacts, now)
    ctx.events.insertBatch(
      events.map((e) => ({ ...e, contactId: ctx.contacts.idByPhone(e.phone)! })),
      now
    )
    ctx.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(SEEDED_KEY, String(now))
  })()
  return true
}
