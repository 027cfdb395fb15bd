import type { TemplateComponents } from '../../../shared/ipc/routes/templates'
import { plainButton } from '../../templates/buttons'
import { collectPages, getJsonPage } from '../../templates/httpGet'
import {
  mediaFormatOf,
  metaStyleIdentity,
  parseTemplates,
  syncedTemplate
} from '../../templates/syncedTemplate'
import type { ListTemplates, SyncedTemplate } from '../../templates/types'
import { digitsOf } from '../normalize'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf } from '../request'
import { infobipAuth } from './send'

/**
 * Infobip: `GET /whatsapp/2/senders/{sender}/templates`, `Authorization: App <key>`, answering
 * `{templates: [{id, name, language, status, category, structure: {header, body, footer,
 * buttons}, quality}]}`. Infobip documents no paging for this call; when an answer carries
 * `paging.totalPages` (UNVERIFIED) the next pages are asked with `page`.
 */
export const listInfobipTemplates: ListTemplates = async (account, signal) => {
  const config = account.config
  const sender = digitsOf(String(config.from ?? ''))
  const root = `${baseUrlOf(config, '')}/whatsapp/2/senders/${sender}/templates`
  const headers = infobipAuth(config)
  const raw = await collectPages(root, async (url) => {
    const json = await getJsonPage(url, headers, signal, 'Infobip')
    const items = pick(json, 'templates')
    const page = Number(pick(json, 'paging', 'page') ?? 0)
    const totalPages = Number(pick(json, 'paging', 'totalPages') ?? 0)
    return {
      items: Array.isArray(items) ? items : [],
      next: page + 1 < totalPages ? `${root}?page=${page + 1}` : null
    }
  })
  return parseTemplates(raw, fromInfobipTemplate)
}

const textOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : stringOrNull(pick(value, 'text'))

export function fromInfobipTemplate(raw: unknown): SyncedTemplate | null {
  const identity = metaStyleIdentity(raw)
  if (!identity) return null
  const structure = pick(raw, 'structure')
  const header = pick(structure, 'header')
  const media = mediaFormatOf(pick(header, 'format'))
  const components: TemplateComponents = {
    header: header
      ? media
        ? { format: media }
        : { format: 'text', text: textOf(header) ?? '' }
      : null,
    body: textOf(pick(structure, 'body')) ?? '',
    footer: textOf(pick(structure, 'footer')),
    buttons: []
  }
  const buttons = pick(structure, 'buttons')
  for (const b of Array.isArray(buttons) ? buttons : []) components.buttons.push(plainButton(b))
  return syncedTemplate({
    ...identity,
    quality: pick(raw, 'quality'),
    components
  })
}
