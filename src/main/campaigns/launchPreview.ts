import { AppError, ErrorCode } from '../../shared/ipc/errors'
import type { Output } from '../../shared/ipc/contract'
import type { CampaignDraft } from '../../shared/ipc/routes/campaigns'
import type { TemplateView } from '../../shared/ipc/routes/templates'
import type { PricingService } from '../pricing/service'
import type { CampaignService } from './service'
import { scheduleAtMs } from './validate'

/** What the preview reads beyond the campaign and pricing services (wired in engine/services). */
export interface LaunchPreviewReads {
  /** The synced template a draft names, or null. */
  templateOf(draft: CampaignDraft): TemplateView | null
  /** The draft's qualified audience by phone prefix, counted in pages. */
  audienceByPrefix(draft: CampaignDraft): Promise<Map<string, number>>
  /** The account's own throttle, or null when the account does not exist. */
  accountRate(providerId: string): number | null
}

/**
 * What the launch confirmation shows before anything is sent: the audience and the messages the
 * launch would send (target group, cut to the limit), the template and its category, the cost
 * estimate at the account's rate card, the time at the throttle, and the readiness problems.
 */
export function createLaunchPreview(
  campaigns: CampaignService,
  pricing: PricingService,
  reads: LaunchPreviewReads
) {
  return async function launchPreview(id: string): Promise<Output<'campaigns.launchPreview'>> {
    const campaign = campaigns.get(id)
    const draft = campaign.draft
    if (campaign.status !== 'draft' || !draft)
      throw new AppError(
        ErrorCode.invalidState,
        `Campaign is ${campaign.status}; only a draft can launch`
      )
    const preview = await campaigns.preview(draft)
    const template = reads.templateOf(draft)
    const messages = Math.min(preview.target, draft.limit ?? Infinity)
    const accountRate = reads.accountRate(draft.providerId)
    const rate =
      accountRate === null ? 0 : Math.min(draft.ratePerSecond ?? accountRate, accountRate)
    const category = template?.category ?? null
    return {
      id,
      name: campaign.name,
      qualified: preview.qualified,
      control: preview.control,
      target: preview.target,
      messages,
      limit: draft.limit ?? null,
      template: {
        name: draft.template.name,
        language: draft.template.language,
        label: template?.label ?? null,
        category,
        status: template?.status ?? null,
        statusReason: template?.statusReason ?? null
      },
      ratePerSecond: rate,
      durationSeconds: rate > 0 ? Math.ceil(messages / rate) : null,
      cost:
        accountRate !== null
          ? pricing.estimate({
              providerId: draft.providerId,
              byPrefix: await reads.audienceByPrefix(draft),
              share: preview.qualified ? messages / preview.qualified : 0,
              templateCategory: category
            })
          : null,
      scheduleAt: campaigns.startsLater(scheduleAtMs(draft)),
      problems: preview.problems,
      warnings: preview.warnings ?? [],
      overridable: preview.overridable ?? []
    }
  }
}
