/** Names, cities and a seeded random source shared by the first-run contacts and the demo campaign. */

export const FIRST_NAMES = [
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
] as const
export const LAST_NAMES = [
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
] as const
export const CITIES = [
  'Pune',
  'Mumbai',
  'Bengaluru',
  'Delhi',
  'Chennai',
  'Hyderabad',
  'Kolkata',
  'Jaipur'
] as const
export const TIERS = ['gold', 'silver', 'bronze'] as const

/** Deterministic pseudo-random numbers in [0, 1), so demo data is the same on every install. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
