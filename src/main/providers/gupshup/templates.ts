import type { TemplateComponents } from '../../../shared/ipc/routes/templates'
import { plainButton } from '../../templates/buttons'
import { collectPages, getJsonPage } from '../../templates/httpGet'
import { mediaFormatOf, parseTemplates, syncedTemplate } from '../../templates/syncedTemplate'
import { TemplateListError, type ListTemplates, type SyncedTemplate } from '../../templates/types'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf } from '../request'
import { GUPSHUP_BASE_URL, gupshupAuth } from './send'

/** Gupshup's page size cap (pageSize 1 to 100). */
const PAGE_SIZE = 100

/**
 * Gupshup: `GET /wa/app/{appId}/template` with header `apikey`, answering
 * `{status: "success", templates: [...]}`. Its `pageNo` counts from 0 (the paginated partner
 * list counts from 1, "unlike the 0-based pageNo on the unpaginated template list"), `pageSize`
 * is at most 100, and the list ends at the first page that is not full:
 * https://partner-docs.gupshup.io/reference/gettemplatespaginated
 * A page that brings no template not seen before also ends it (a server ignoring `pageNo` would
 * otherwise answer the same page until the page bound). Sends name a template by Gupshup's own
 * `id`, so the id is the name and `elementName` the label; the structure is in `containerMeta`
 * (a JSON string).
 */
export const listGupshupTemplates: ListTemplates = async (account, signal) => {
  const config = account.config
  const appId = stringOrNull(config.appId)
  if (!appId)
    throw new TemplateListError('Add the Gupshup app id (appId) to this account to sync templates')
  const root = `${baseUrlOf(config, GUPSHUP_BASE_URL)}/wa/app/${encodeURIComponent(appId)}/template`
  const headers = gupshupAuth(config)
  const pageUrl = (n: number) => `${root}?pageNo=${n}&pageSize=${PAGE_SIZE}`
  const seen = new Set<string>()
  let page = 0
  const raw = await collectPages(pageUrl(0), async (url) => {
    const json = await getJsonPage(url, headers, signal, 'Gupshup')
    if (pick(json, 'status') === 'error')
      throw new TemplateListError(`Gupshup: ${String(pick(json, 'message') ?? 'error')}`)
    const items = pick(json, 'templates')
    const list = Array.isArray(items) ? items : []
    const fresh = list.filter((t) => {
      const id = stringOrNull(pick(t, 'id')) ?? JSON.stringify(t)
      return seen.has(id) ? false : (seen.add(id), true)
    })
    page += 1
    return {
      items: fresh,
      next: list.length >= PAGE_SIZE && fresh.length > 0 ? pageUrl(page) : null
    }
  })
  return parseTemplates(raw, fromGupshupTemplate)
}

function parseMeta(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {}
  try {
    const parsed = JSON.parse(value) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function fromGupshupTemplate(raw: unknown): SyncedTemplate | null {
  const id = stringOrNull(pick(raw, 'id'))
  if (!id) return null
  const meta = parseMeta(pick(raw, 'containerMeta'))
  const media = mediaFormatOf(pick(raw, 'templateType'))
  const components: TemplateComponents = {
    header: media
      ? { format: media }
      : stringOrNull(meta.header)
        ? { format: 'text', text: String(meta.header) }
        : null,
    body: stringOrNull(meta.data) ?? stringOrNull(pick(raw, 'data')) ?? '',
    footer: stringOrNull(meta.footer),
    buttons: []
  }
  for (const b of Array.isArray(meta.buttons) ? meta.buttons : [])
    components.buttons.push(plainButton(b))
  return syncedTemplate({
    name: id,
    language: stringOrNull(pick(raw, 'languageCode')) ?? 'en',
    externalId: stringOrNull(pick(raw, 'externalId')) ?? id,
    label: stringOrNull(pick(raw, 'elementName')),
    category: pick(raw, 'category'),
    status: pick(raw, 'status'),
    quality: pick(raw, 'quality'),
    components,
    statusReason: stringOrNull(pick(raw, 'reason'))
  })
}
