import { roiCurrencyMismatch } from '../../../../shared/domain/currency'
import type { CostOutput } from '../../../../shared/ipc/routes/pricing'
import { formatMoney } from '../../lib/format'

/** Money in the cost's currency, with up to four decimals (per-message prices are fractions of a cent). */
export function costMoney(amount: number | null, currency: string | null): string {
  if (amount === null) return '—'
  if (!currency) return formatMoney(amount)
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    maximumFractionDigits: Math.abs(amount) < 1 ? 4 : 2
  }).format(amount)
}

const roiFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
export const formatRoi = (roi: number | null): string =>
  roi === null ? '—' : `${roiFormat.format(roi)}×`

/** ROI, or why there is none when revenue and cost are in different currencies (never a ratio). */
export function roiText(c: {
  roi: number | null
  currency: string | null
  revenueCurrency: string | null
}): string {
  const mismatch = c.revenueCurrency && roiCurrencyMismatch(c.revenueCurrency, c.currency)
  return c.roi === null && mismatch ? mismatch : formatRoi(c.roi)
}

/** The lines of the Cost panel (and the summary CSV / PDF): label, value, why it is empty. */
export function costLines(cost: CostOutput): { key: string; value: string; reason?: string }[] {
  const money = (n: number | null): string => costMoney(n, cost.currency)
  return [
    { key: 'cost', value: money(cost.cost), reason: cost.reasons.cost },
    {
      key: 'costPerDelivered',
      value: money(cost.costPerDelivered),
      reason: cost.reasons.costPerDelivered
    },
    {
      key: 'costPerConversion',
      value: money(cost.costPerConversion),
      reason: cost.reasons.costPerConversion
    },
    {
      key: 'costPerIncrementalConversion',
      value: money(cost.costPerIncrementalConversion),
      reason: cost.reasons.costPerIncrementalConversion
    },
    { key: 'roi', value: roiText(cost), reason: cost.reasons.roi }
  ]
}
