import type { Granularity } from '../../../../shared/domain/statsView'

const OPTIONS: { value: Granularity; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' }
]

export function GranularitySwitch({
  value,
  onChange
}: {
  value: Granularity
  onChange(value: Granularity): void
}) {
  return (
    <div className="segmented" role="group" aria-label="Trend buckets">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          className={value === o.value ? 'active' : ''}
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          data-testid={`granularity-${o.value}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}
