/**
 * Calendar buckets (day, ISO week, month) of UTC instants in an IANA zone, DST-correct: the local
 * date comes from Intl.DateTimeFormat, so no offset table is hard-coded.
 */
export type Granularity = 'day' | 'week' | 'month'

/** Width of the stored trend buckets (stats_trend.bucket = epoch ms / BUCKET_MS). */
export const BUCKET_MS = 900_000
const DAY_MS = 86_400_000
const MAX_FILLED = 2000

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(zone, f)
  }
  return f
}

/** True when the runtime knows the zone name. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** The engine's own zone: the operator's machine zone. */
export function defaultZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

interface LocalTime {
  y: number
  m: number
  d: number
  h: number
  mi: number
  s: number
}

function localTime(zone: string, t: number): LocalTime {
  const out: LocalTime = { y: 0, m: 0, d: 0, h: 0, mi: 0, s: 0 }
  for (const p of formatter(zone).formatToParts(t)) {
    if (p.type === 'year') out.y = Number(p.value)
    else if (p.type === 'month') out.m = Number(p.value)
    else if (p.type === 'day') out.d = Number(p.value)
    else if (p.type === 'hour') out.h = Number(p.value)
    else if (p.type === 'minute') out.mi = Number(p.value)
    else if (p.type === 'second') out.s = Number(p.value)
  }
  return out
}

/** Offset of the zone from UTC at instant t, in ms (local = UTC + offset). */
export function zoneOffsetMs(zone: string, t: number): number {
  const l = localTime(zone, t)
  return Date.UTC(l.y, l.m - 1, l.d, l.h, l.mi, l.s) - (t - (((t % 1000) + 1000) % 1000))
}

/** The UTC instant of local midnight starting the given calendar day in the zone. */
export function localMidnight(zone: string, y: number, m: number, d: number): number {
  const wall = Date.UTC(y, m - 1, d)
  let t = wall - zoneOffsetMs(zone, wall)
  const second = zoneOffsetMs(zone, t)
  if (wall - second !== t) t = wall - second
  return t
}

const isoDate = (utcDay: number): string => new Date(utcDay).toISOString().slice(0, 10)

/** Calendar day number (UTC-epoch days) of the bucket that contains local date y-m-d. */
function bucketDay(g: Granularity, y: number, m: number, d: number): number {
  const day = Date.UTC(y, m - 1, d)
  if (g === 'day') return day
  if (g === 'month') return Date.UTC(y, m - 1, 1)
  const dow = new Date(day).getUTCDay()
  return day - ((dow + 6) % 7) * DAY_MS
}

function nextBucketDay(g: Granularity, day: number): number {
  if (g === 'day') return day + DAY_MS
  if (g === 'week') return day + 7 * DAY_MS
  const date = new Date(day)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}

export interface ZoneBucket<K extends string> {
  /** Local date the bucket starts on (YYYY-MM-DD; Monday for ISO weeks, the 1st for months). */
  start: string
  /** UTC instant of the local midnight starting the bucket. */
  startAt: number
  counts: Record<K, number>
}

/**
 * Sums 15-minute UTC buckets into zone-local calendar buckets. Every zone offset is a multiple
 * of 15 minutes, so a stored bucket never straddles a local midnight. Gaps are filled with zeros
 * between the first and the last bucket (unless that would exceed MAX_FILLED buckets).
 */
export function toZoneBuckets<K extends string>(
  rows: { metric: K; bucket: number; n: number }[],
  metrics: readonly K[],
  granularity: Granularity,
  zone: string
): ZoneBucket<K>[] {
  const dayOfBucket = new Map<number, number>()
  const sums = new Map<number, Record<K, number>>()
  const empty = (): Record<K, number> =>
    Object.fromEntries(metrics.map((k) => [k, 0])) as Record<K, number>
  for (const row of rows) {
    if (row.n === 0) continue
    let day = dayOfBucket.get(row.bucket)
    if (day === undefined) {
      const l = localTime(zone, row.bucket * BUCKET_MS)
      day = bucketDay(granularity, l.y, l.m, l.d)
      dayOfBucket.set(row.bucket, day)
    }
    let sum = sums.get(day)
    if (!sum) sums.set(day, (sum = empty()))
    sum[row.metric] += row.n
  }
  const days = [...sums.keys()].sort((a, b) => a - b)
  if (days.length > 1) {
    const filled: number[] = []
    const last = days[days.length - 1]!
    for (
      let d = days[0]!;
      d <= last && filled.length <= MAX_FILLED;
      d = nextBucketDay(granularity, d)
    )
      filled.push(d)
    if (filled.length <= MAX_FILLED) days.splice(0, days.length, ...filled)
  }
  return days.map((day) => {
    const date = new Date(day)
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
    return {
      start: isoDate(day),
      startAt: localMidnight(zone, y, m, d),
      counts: sums.get(day) ?? empty()
    }
  })
}
