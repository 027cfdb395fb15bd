import type { ContactUpsert } from '../db/repos/contactRepo'
import type { ContactEventInsert } from '../db/repos/eventRepo'

const FIRST = [
  'Aarav',
  'Diya',
  'Vihaan',
  'Ananya',
  'Arjun',
  'Isha',
  'Kabir',
  'Meera',
  'Rohan',
  'Saanvi',
  'Aditya',
  'Kavya',
  'Ishaan',
  'Priya',
  'Nikhil',
  'Riya',
  'Dev',
  'Tara',
  'Yash',
  'Zara'
]
const LAST = [
  'Sharma',
  'Patel',
  'Iyer',
  'Reddy',
  'Gupta',
  'Nair',
  'Khan',
  'Das',
  'Mehta',
  'Joshi',
  'Singh',
  'Rao',
  'Bose',
  'Kulkarni',
  'Chopra'
]
const CITIES = ['Pune', 'Mumbai', 'Bengaluru', 'Delhi', 'Chennai', 'Hyderabad', 'Kolkata', 'Jaipur']
const TIERS = ['gold', 'silver', 'bronze']

/** Deterministic pseudo-random numbers, so the demo list is the same on every install. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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
      name: `${pick(FIRST)} ${pick(LAST)}`,
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
