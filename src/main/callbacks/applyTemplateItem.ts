import type { Events } from '../../shared/ipc/contract'
import type { TemplateUpdateItem } from '../providers/callbackItems'
import type { TemplateRepo } from '../db/repos/templateRepo'

/** What a template webhook changed, as the engine announces it (`templates.changed`). */
export type TemplateChanged = Events['templates.changed']

/**
 * Applies one template item: the stored template takes the new status, quality or category,
 * and the change is kept in `template_change` with its time, the callback's arrival (a category
 * change changes the price). A template that was never synced is still announced, so a campaign sending it by
 * name is paused all the same. Changes no message state: returns no campaign.
 */
export function createTemplateApplier(
  repo: Pick<TemplateRepo, 'applyStatus' | 'applyQuality' | 'applyCategory'>,
  onChanged?: (change: TemplateChanged) => void
) {
  return (item: TemplateUpdateItem, providerId: string, at: number): null => {
    const key = {
      providerId,
      externalId: item.templateId,
      name: item.name,
      language: item.language
    }
    const stored =
      item.change === 'status'
        ? repo.applyStatus(key, item.value, item.reason, at)
        : item.change === 'quality'
          ? repo.applyQuality(key, item.value, at)
          : repo.applyCategory(key, item.previous, item.value, at)
    onChanged?.({
      providerId,
      change: item.change,
      name: stored?.name ?? item.name,
      language: stored?.language ?? item.language,
      value: item.value,
      reason: item.reason
    })
    return null
  }
}
