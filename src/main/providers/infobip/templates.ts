import type { TemplateComponents } from '../../../shared/ipc/routes/templates'
import { plainButton } from '../../templates/buttons'
import { normaliseCategory } from '../../templates/category'
import { collectPages, getJsonPage } from '../../templates/httpGet'
import type { SyncedTemplate } from '../../templates/types'
import { parameterFormatOf, variablesOf } from '../../templates/variables'
import { digitsOf } from '../normalize'
import { pick, stringOrNull } from '../json'
import { baseUrlOf } from '../request'
import type { ProviderAccount } from '../providerAccounts'
import { infobipAuth } from './send'

const MEDIA: Record<string, 'image' | 'video' | 'document' | 'location'> = {
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location'
}

/**
 * Infobip: `GET /whatsapp/2/senders/{sender}/templates`, `Authorization: App <key>`, answering
 * `{templates: [{id, name, language, status, category, structure: {header, body, footer,
 * buttons}, quality}]}`. Infobip documents no paging for this call; when an answer carries
 * `paging.totalPages` (UNVERIFIED) the next pages are asked with `page`.
 */
export async function listInfobipTemplates(
  account: ProviderAccount,
  signal: AbortSignal
): Promise<SyncedTemplate[]> {
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
  return raw.map(fromInfobipTemplate).filter((t): t is SyncedTemplate => t !== null)
}

const textOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : stringOrNull(pick(value, 'text'))

export function fromInfobipTemplate(raw: unknown): SyncedTemplate | null {
  const name = stringOrNull(pick(raw, 'name'))
  const language = stringOrNull(pick(raw, 'language'))
  if (!name || !language) return null
  const structure = pick(raw, 'structure')
  const header = pick(structure, 'header')
  const format = String(pick(header, 'format') ?? '').toUpperCase()
  const components: TemplateComponents = {
    header: header
      ? MEDIA[format]
        ? { format: MEDIA[format] }
        : { format: 'text', text: textOf(header) ?? '' }
      : null,
    body: textOf(pick(structure, 'body')) ?? '',
    footer: textOf(pick(structure, 'footer')),
    buttons: []
  }
  const buttons = pick(structure, 'buttons')
  for (const b of Array.isArray(buttons) ? buttons : []) components.buttons.push(plainButton(b))
  return {
    name,
    language,
    externalId: stringOrNull(pick(raw, 'id')),
    label: null,
    category: normaliseCategory(pick(raw, 'category')),
    status: (stringOrNull(pick(raw, 'status')) ?? 'UNKNOWN').toUpperCase(),
    quality: stringOrNull(pick(raw, 'quality'))?.toUpperCase() ?? null,
    parameterFormat: parameterFormatOf(components),
    components,
    variables: variablesOf(components),
    statusReason: null
  }
}
