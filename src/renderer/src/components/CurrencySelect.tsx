import { useMemo } from 'react'
import { currencyCodes } from '../../../shared/domain/currency'

const names =
  typeof Intl.DisplayNames === 'function'
    ? new Intl.DisplayNames(undefined, { type: 'currency' })
    : null

/** An ISO 4217 currency picker: the code first (type "INR" to jump to it), then its name. */
export function CurrencySelect({
  label,
  value,
  onChange,
  testId,
  id,
  compact = false,
  disabled = false,
  describedBy
}: {
  label?: string
  value: string
  onChange(currency: string): void
  testId?: string
  id?: string
  /** Codes only (a form row with little room); the name is in the tooltip. */
  compact?: boolean
  disabled?: boolean
  /** The id of what says why the picker is disabled (see `Why`). */
  describedBy?: string
}) {
  const codes = useMemo(() => {
    const list = currencyCodes()
    return value && !list.includes(value) ? [value, ...list] : list
  }, [value])
  return (
    <select
      id={id}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
      style={{ width: compact ? 90 : 'auto' }}
      title={value && names ? (names.of(value) ?? value) : undefined}
    >
      {!value && <option value="">…</option>}
      {codes.map((code) => (
        <option key={code} value={code}>
          {code}
          {names && !compact ? ` — ${names.of(code) ?? ''}` : ''}
        </option>
      ))}
    </select>
  )
}
