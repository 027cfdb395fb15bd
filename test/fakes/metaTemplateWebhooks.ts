import { deliver, type EmitOptions, type RenderedCallback } from './callbacks'
import { findTemplate, type FakeCatalogOptions } from './templates'

/** One `message_template_status_update` webhook value (event: APPROVED, PAUSED, DISABLED, …). */
export interface FakeTemplateStatus {
  name: string
  language: string
  event: string
  reason?: string
}

/**
 * Meta's template webhooks for the fake: they go to the app's default callback URL, never to the
 * phone-number override ("Template webhooks (message_template_status_update,
 * message_template_quality_update, message_template_components_update, template_category_update)
 * … do not support callback overrides":
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override).
 */
export function metaTemplateWebhooks(
  o: { wabaId: string; appUrl: string; catalog: FakeCatalogOptions | undefined },
  sign: (envelopes: unknown[], options: EmitOptions) => RenderedCallback[]
) {
  /** `message_template_status_update` webhooks, rendered for the app's default callback URL. */
  function renderTemplateStatus(
    updates: FakeTemplateStatus[],
    options: EmitOptions = {}
  ): RenderedCallback[] {
    const envelopes = updates.map((u) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: o.wabaId,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: u.event,
                message_template_id: templateIdOf(u.name, u.language),
                message_template_name: u.name,
                message_template_language: u.language,
                reason: u.reason ?? 'NONE'
              }
            }
          ]
        }
      ]
    }))
    return sign(envelopes, { ...options, url: options.url ?? o.appUrl })
  }
  /** The list's id of a catalog template (as `metaListPage` numbers them). */
  function templateIdOf(name: string, language: string): number {
    const i = o.catalog?.templates.findIndex((t) => t.name === name && t.language === language)
    return 1_000_000 + Math.max(0, i ?? 0)
  }
  /**
   * Meta changes a template's status (a pause for low quality): the list and sends follow at
   * once; the webhook about it is rendered for the app's default callback URL.
   */
  function setTemplateStatus(update: FakeTemplateStatus): RenderedCallback[] {
    const t = findTemplate(
      o.catalog,
      (x) => x.name === update.name && x.language === update.language
    )
    if (!t || !o.catalog)
      throw new Error(`Meta fake: no template ${update.name} (${update.language})`)
    // A copy: catalogs are often shared constants of the tests.
    o.catalog.templates = o.catalog.templates.map((x) =>
      x === t ? { ...t, status: update.event } : x
    )
    return renderTemplateStatus([update])
  }

  return {
    renderTemplateStatus,
    setTemplateStatus,
    emitTemplateStatus: (updates: FakeTemplateStatus[], options: EmitOptions = {}) =>
      deliver(renderTemplateStatus(updates, options), options)
  }
}
