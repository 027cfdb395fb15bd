import type { ContactUpsert } from '../db/repos/contactRepo'
import type { ContactEventInsert } from '../db/repos/eventRepo'
import { CITIES, FIRST_NAMES, LAST_NAMES, TIERS, mulberry32 } from '../demo/demoPeople'

/** Indian mobile numbers in a range no real subscriber is assigned to in the demo (+91 70000 xxxxx). */
export function demoContacts(count: number, now: number) {
  const rand = mulberry32(20261127)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const contacts: ContactUpsert[] = []
  const events: (Omit<ContactEventInsert, 'contactId'> & { phone: string })[] = []
  for (let i = 0; i < count; i++) {
    const phone = `+9170000${String(i).padStart(5, '0')}`
    contacts.push({
      phone,
      name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      properties: { city: pick(CITIES), tier: pick(TIERS), source: 'demo' }
    })
    if (rand() < 0.3) {
      const at = now - Math.floor(rand() * 30 * 86_400_000)
      events.push({
        phone,
        event: 'purchase',
        at,
        revenue: Math.round(200 + rand() * 4800),
        properties: {},
        source: 'demo'
      })
    }
  }
  return { contacts, events }
}
