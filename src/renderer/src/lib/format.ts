const numberFormat = new Intl.NumberFormat()
const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent',
  maximumFractionDigits: 1
})
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short'
})

const dateTimeSecondsFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium'
})

/** Numbers in the operator's locale. */
export const formatNumber = (n: number): string => numberFormat.format(n)
export const formatPercent = (ratio: number): string => percentFormat.format(ratio)
export const formatDateTime = (ms: number | null | undefined): string =>
  ms ? dateTimeFormat.format(ms) : '—'
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
/** A calendar day (`YYYY-MM-DD`) in the same style as `formatDateTime`'s date part. */
export const formatDay = (day: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) ? dateFormat.format(Date.parse(`${day}T00:00:00Z`)) : day
/** With seconds: for short windows such as a callback gap during a tunnel reconnect. */
export const formatDateTimeSeconds = (ms: number): string => dateTimeSecondsFormat.format(ms)
export function formatMoney(amount: number, currency?: string): string {
  return currency
    ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount)
    : // Two decimals unless whole: "409.3" next to "402.04" read like different precisions.
      new Intl.NumberFormat(undefined, {
        minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
        maximumFractionDigits: 2
      }).format(amount)
}

/** "1 recipient", "2,000 recipients": a count with its noun in the right number. */
export const formatCount = (n: number, one: string, many = `${one}s`): string =>
  `${formatNumber(n)} ${n === 1 ? one : many}`

/** A duration in words: "40 s", "12 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m ? `${h} h ${m} min` : `${h} h`
}
