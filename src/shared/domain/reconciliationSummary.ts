import type { SummaryLine } from '../ipc/routes/reports'
import type { Reconciliation } from '../ipc/routes/stats'

const METRICS = ['sent', 'delivered', 'read', 'clicked'] as const

/**
 * The provider's own numbers as summary lines (`provider.*`), after cost in the CSV: the source,
 * when fetched, per day ours and theirs for each metric, and the notes that explain differences
 * (the line's `note`, written in the definition column).
 */
export function reconciliationLines(r: Reconciliation): (SummaryLine & { note?: string })[] {
  const lines: (SummaryLine & { note?: string })[] = [
    { stat: 'provider.source', label: 'Provider’s own numbers from', value: r.source },
    {
      stat: 'provider.fetchedAt',
      label: 'Provider’s numbers fetched',
      value: r.fetchedAt === null ? null : new Date(r.fetchedAt).toISOString()
    }
  ]
  for (const day of r.days) {
    const why = (day.notes ?? []).join(' ') || undefined
    for (const m of METRICS) {
      const base = `provider.${day.date}.${m}`
      lines.push({ stat: `${base}.ours`, label: `${day.date} ${m} (ours)`, value: day.ours[m] })
      lines.push({
        stat: `${base}.provider`,
        label: `${day.date} ${m} (provider, template ${day.templateId})`,
        value: day.provider[m],
        note: day.ours[m] !== day.provider[m] ? why : undefined
      })
    }
    if (day.sharedWith.length)
      lines.push({
        stat: `provider.${day.date}.sharedWith`,
        label: `${day.date} other campaigns sending the template`,
        value: day.sharedWith.join(' ')
      })
  }
  r.notes.forEach((note, i) =>
    lines.push({ stat: `provider.note.${i + 1}`, label: 'Note', value: note })
  )
  if (r.lookups)
    lines.push({
      stat: 'provider.reconciled',
      label: 'Missing reports filled by lookups',
      value: r.lookups.reconciled
    })
  return lines
}
