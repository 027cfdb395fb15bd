import { collectPages, getJsonPage } from '../../templates/httpGet'
import { fromMetaTemplate } from '../../templates/metaFormat'
import { parseTemplates } from '../../templates/syncedTemplate'
import { TemplateListError, type ListTemplates } from '../../templates/types'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf } from '../request'
import { D360_BASE_URL, META_API_VERSION, META_BASE_URL, metaAuth } from './send'

export const TEMPLATE_FIELDS =
  'name,language,status,category,components,parameter_format,quality_score,rejected_reason,id'
const PAGE_SIZE = 100

/**
 * Meta: `GET /{version}/{waba-id}/message_templates?fields=…&limit=…`, following `paging.next`.
 * 360dialog (`authScheme: 'd360'`): `GET /v1/configs/templates?limit=&offset=` answering
 * `waba_templates` with `offset` / `count` / `total`, the same template objects as Meta's.
 */
export const listMetaTemplates: ListTemplates = async (account, signal) => {
  const config = account.config
  const headers = metaAuth(config)
  if (config.authScheme === 'd360') {
    const root = `${baseUrlOf(config, D360_BASE_URL)}/v1/configs/templates`
    const raw = await collectPages(`${root}?limit=${PAGE_SIZE}&offset=0`, async (url) => {
      const json = await getJsonPage(url, headers, signal, '360dialog')
      const items = asList(pick(json, 'waba_templates'))
      const offset = Number(pick(json, 'offset') ?? 0)
      const total = Number(pick(json, 'total') ?? 0)
      const next = items.length > 0 && offset + items.length < total
      return {
        items,
        next: next ? `${root}?limit=${PAGE_SIZE}&offset=${offset + items.length}` : null
      }
    })
    return parseTemplates(raw, fromMetaTemplate)
  }
  const wabaId = stringOrNull(config.wabaId)
  if (!wabaId)
    throw new TemplateListError(
      'Add the WhatsApp Business Account id (wabaId) to this account to sync its templates'
    )
  const version = String(config.apiVersion ?? META_API_VERSION)
  const first = `${baseUrlOf(config, META_BASE_URL)}/${version}/${encodeURIComponent(wabaId)}/message_templates?fields=${TEMPLATE_FIELDS}&limit=${PAGE_SIZE}`
  const raw = await collectPages(first, async (url) => {
    const json = await getJsonPage(url, headers, signal, 'Meta')
    return { items: asList(pick(json, 'data')), next: stringOrNull(pick(json, 'paging', 'next')) }
  })
  return parseTemplates(raw, fromMetaTemplate)
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
