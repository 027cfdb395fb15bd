import type {
  TemplateButton,
  TemplateComponents,
  TemplateVariable
} from '../../../shared/ipc/routes/templates'
import { buttonTypeOf } from '../../templates/buttons'
import { collectPages, getJsonPage } from '../../templates/httpGet'
import { parseTemplates, syncedTemplate } from '../../templates/syncedTemplate'
import type { ListTemplates, SyncedTemplate } from '../../templates/types'
import { variableNames } from '../../templates/variables'
import { pick, stringOrNull } from '../../http/json'
import { baseUrlOf } from '../request'
import { twilioAuth } from './send'

export const TWILIO_CONTENT_URL = 'https://content.twilio.com'

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

/**
 * Twilio Content API: `GET /v1/ContentAndApprovals?PageSize=…` (Basic auth), following
 * `meta.next_page_url`. A content's WhatsApp approval (`approval_requests`) gives status,
 * category and rejection reason; sends name it by its `HX…` sid, so the sid is the name and
 * `friendly_name` the label. ContentVariables are keyed by the variable's own name.
 */
export const listTwilioTemplates: ListTemplates = async (account, signal) => {
  const base = baseUrlOf(account.config, TWILIO_CONTENT_URL)
  const headers = twilioAuth(account.config)
  const raw = await collectPages(`${base}/v1/ContentAndApprovals?PageSize=50`, async (url) => {
    const json = await getJsonPage(url, headers, signal, 'Twilio')
    const next = stringOrNull(pick(json, 'meta', 'next_page_url'))
    const items = pick(json, 'contents')
    return {
      items: Array.isArray(items) ? items : [],
      // Twilio's next_page_url is absolute; behind a test base URL keep the same origin.
      next: next ? new URL(new URL(next).pathname + new URL(next).search, base).toString() : null
    }
  })
  return parseTemplates(raw, fromTwilioContent)
}

export function fromTwilioContent(raw: unknown): SyncedTemplate | null {
  const sid = stringOrNull(pick(raw, 'sid'))
  if (!sid) return null
  const types = record(pick(raw, 'types'))
  const approval = record(pick(raw, 'approval_requests'))
  const examples = record(pick(raw, 'variables'))
  const first = Object.values(types)[0]
  const components: TemplateComponents = {
    header: null,
    body: stringOrNull(pick(first, 'body')) ?? '',
    footer: stringOrNull(pick(first, 'footer')),
    buttons: []
  }
  const media = stringOrNull(pick(first, 'media', 0))
  if (media) components.header = { format: mediaFormat(media), text: media }
  else if (stringOrNull(pick(first, 'header_text')))
    components.header = { format: 'text', text: String(pick(first, 'header_text')) }
  const actions = pick(first, 'actions')
  for (const action of Array.isArray(actions) ? actions : []) {
    const button: TemplateButton = {
      type: buttonTypeOf(pick(action, 'type'), 'quick_reply'),
      text: stringOrNull(pick(action, 'title')) ?? ''
    }
    const url = stringOrNull(pick(action, 'url'))
    if (url) button.url = url
    const phone = stringOrNull(pick(action, 'phone'))
    if (phone) button.phone = phone
    components.buttons.push(button)
  }
  const example = (name: string) =>
    examples[name] === undefined ? {} : { example: String(examples[name]) }
  const variables: TemplateVariable[] = []
  const seen = new Set<string>()
  const add = (v: TemplateVariable) => {
    if (seen.has(v.name)) return
    seen.add(v.name)
    variables.push({ ...v, ...example(v.name) })
  }
  const header = components.header
  for (const name of variableNames(header?.text))
    add({
      key: header?.format === 'text' ? `header.${name}` : 'header.media',
      component: 'header',
      name,
      kind: header?.format === 'text' ? 'text' : 'media'
    })
  for (const name of variableNames(components.body).sort((a, b) => Number(a) - Number(b)))
    add({ key: `body.${name}`, component: 'body', name, kind: 'text' })
  components.buttons.forEach((b, i) => {
    for (const name of variableNames(b.url))
      add({ key: `button.${i}`, component: 'button', name, kind: 'url_suffix' })
  })
  return syncedTemplate({
    name: sid,
    language: stringOrNull(pick(raw, 'language')) ?? 'en',
    externalId: sid,
    label: stringOrNull(pick(raw, 'friendly_name')),
    category: pick(approval, 'category'),
    status: stringOrNull(pick(approval, 'status')) ?? 'unsubmitted',
    quality: null,
    components,
    variables,
    statusReason: stringOrNull(pick(approval, 'rejection_reason'))
  })
}

function mediaFormat(url: string): 'image' | 'video' | 'document' {
  if (/\.(mp4|3gp)(\?|$)/i.test(url)) return 'video'
  if (/\.(pdf|docx?|xlsx?)(\?|$)/i.test(url)) return 'document'
  return 'image'
}
