import type { CostOutput } from '../ipc/routes/pricing'
import type { SummaryLine } from '../ipc/routes/reports'

/** Cost and return as summary lines (`cost.*`), after the summary's own in the CSV. */
export function costSummaryLines(c: CostOutput): SummaryLine[] {
  const lines: SummaryLine[] = [
    { stat: 'cost.currency', label: 'Cost currency', value: c.currency },
    {
      stat: 'cost.estimated',
      label: 'Cost estimated (no provider prices)',
      value: c.estimated ? 'yes' : 'no'
    },
    { stat: 'cost.billable', label: 'Billable messages', value: c.billable },
    { stat: 'cost.free', label: 'Free messages', value: c.free },
    { stat: 'cost.cost', label: 'Cost', value: c.cost },
    { stat: 'cost.costPerDelivered', label: 'Cost per delivered', value: c.costPerDelivered },
    { stat: 'cost.costPerConversion', label: 'Cost per conversion', value: c.costPerConversion },
    {
      stat: 'cost.incrementalConversions',
      label: 'Incremental conversions',
      value: c.incrementalConversions
    },
    {
      stat: 'cost.costPerIncrementalConversion',
      label: 'Cost per incremental conversion',
      value: c.costPerIncrementalConversion
    },
    { stat: 'cost.roi', label: 'ROI (incremental revenue ÷ cost)', value: c.roi }
  ]
  for (const [category, v] of Object.entries(c.byCategory)) {
    lines.push({
      stat: `cost.byCategory.${category}.messages`,
      label: `${category} messages`,
      value: v.messages
    })
    lines.push({
      stat: `cost.byCategory.${category}.cost`,
      label: `${category} cost`,
      value: v.cost
    })
  }
  return lines
}
