import type { CampaignView } from '../ipc/routes/campaigns'
import type { SummaryLine } from '../ipc/routes/reports'

/**
 * The template a campaign sent (`template.*`), fixed at launch, as summary lines before the stats:
 * the category sets the price and the text is what recipients saw. None before launch.
 */
export function templateSummaryLines(template: CampaignView['template']): SummaryLine[] {
  if (!template) return []
  return [
    { stat: 'template.name', label: 'Template', value: template.name },
    { stat: 'template.language', label: 'Template language', value: template.language },
    {
      stat: 'template.category',
      label: 'Template category (sets the price)',
      value: template.category
    },
    { stat: 'template.text', label: 'Template text as sent', value: template.text }
  ]
}
