/**
 * Template lists for the fakes: one provider-neutral catalog (Meta's template object, which
 * Meta and 360dialog serve as is) rendered in each provider's own list format with its own
 * paging, plus the count of values a send of each template must carry.
 */
import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Answer } from './server'

export interface FakeTemplate {
  name: string
  language: string
  status?: string
  category?: string
  parameter_format?: 'POSITIONAL' | 'NAMED'
  quality_score?: { score: string }
  components: Record<string, unknown>[]
}

export interface FakeCatalogOptions {
  templates: FakeTemplate[]
  /** Templates per page of the list endpoint (default 2, so paging is always exercised). */
  pageSize?: number
}

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g
const names = (text: unknown): string[] =>
  typeof text === 'string' ? [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))] : []

/** How many values a send must carry: header variable or media, body variables, dynamic buttons. */
export function valueCount(t: FakeTemplate): { header: number; body: number; buttons: number } {
  let header = 0
  let body = 0
  let buttons = 0
  for (const c of t.components) {
    if (c.type === 'HEADER') header += c.format && c.format !== 'TEXT' ? 1 : names(c.text).length
    if (c.type === 'BODY') body += names(c.text).length
    if (c.type === 'BUTTONS')
      for (const b of c.buttons as Record<string, unknown>[])
        if (b.type === 'COPY_CODE' || (b.type === 'URL' && names(b.url).length)) buttons++
  }
  return { header, body, buttons }
}

export const totalValues = (t: FakeTemplate): number => {
  const n = valueCount(t)
  return n.header + n.body + n.buttons
}

const digest = (text: string): string => createHash('md5').update(text).digest('hex')
/** Twilio's `HX…` sid of a catalog template (deterministic, so tests can name it). */
export const twilioSidOf = (t: Pick<FakeTemplate, 'name' | 'language'>): string =>
  `HX${digest(`${t.name}/${t.language}`)}`
/** Gupshup's template UUID of a catalog template. */
export function gupshupIdOf(t: Pick<FakeTemplate, 'name' | 'language'>): string {
  const h = digest(`gupshup/${t.name}/${t.language}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

export function findTemplate(
  catalog: FakeCatalogOptions | undefined,
  match: (t: FakeTemplate) => boolean
): FakeTemplate | undefined {
  return catalog?.templates.find(match)
}

const ok = (body: unknown): Answer => ({ status: 200, body })
const origin = (headers: IncomingHttpHeaders): string => `http://${headers.host ?? '127.0.0.1'}`

function page<T>(items: T[], start: number, size: number): T[] {
  return items.slice(start, start + size)
}

const component = (t: FakeTemplate, type: string) => t.components.find((c) => c.type === type)

/** Meta `GET /{version}/{waba}/message_templates`: `data` + cursor paging with `paging.next`. */
export function metaListPage(
  catalog: FakeCatalogOptions,
  url: URL,
  headers: IncomingHttpHeaders
): Answer {
  const size = Math.min(Number(url.searchParams.get('limit') ?? 25), catalog.pageSize ?? 2)
  const after = url.searchParams.get('after')
  const start = after ? Number(Buffer.from(after, 'base64url').toString()) : 0
  const templates = catalog.templates.map((t, i) => ({ id: String(1_000_000 + i), ...t }))
  const data = page(templates, start, size)
  const end = start + data.length
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url')
  const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(end) } }
  if (end < templates.length) {
    const next = new URL(url.pathname + url.search, origin(headers))
    next.searchParams.set('after', cursor(end))
    paging.next = next.toString()
  }
  return ok({ data, paging })
}

/** 360dialog `GET /v1/configs/templates`: `waba_templates` with offset / limit / count / total. */
export function d360ListPage(catalog: FakeCatalogOptions, url: URL): Answer {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 50), catalog.pageSize ?? 2)
  const offset = Number(url.searchParams.get('offset') ?? 0)
  const items = page(catalog.templates, offset, limit).map((t, i) => ({
    id: String(2_000_000 + offset + i),
    namespace: 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573574',
    ...t
  }))
  return ok({
    count: items.length,
    filters: {},
    limit,
    offset,
    sort: ['id'],
    total: catalog.templates.length,
    waba_templates: items
  })
}

function twilioContent(t: FakeTemplate) {
  const header = component(t, 'HEADER')
  const body = String(component(t, 'BODY')?.text ?? '')
  const footer = component(t, 'FOOTER')?.text
  const buttons = (component(t, 'BUTTONS')?.buttons ?? []) as Record<string, unknown>[]
  // Twilio's variables are one numbering over the whole content: media and URL after the body.
  let next = names(body).length + 1
  const types: Record<string, unknown> = {}
  if (buttons.length)
    types['twilio/call-to-action'] = {
      body,
      actions: buttons.map((b) =>
        b.type === 'URL'
          ? {
              type: 'URL',
              title: b.text,
              url: String(b.url).replace(VARIABLE, () => `{{${next++}}}`)
            }
          : { type: 'QUICK_REPLY', title: b.text, id: String(b.text) }
      )
    }
  else if (header && header.format !== 'TEXT')
    types['twilio/media'] = { body, media: [`https://cdn.example.com/{{${next++}}}.jpg`] }
  else types['twilio/text'] = { body }
  if (footer && types['twilio/call-to-action'])
    (types['twilio/call-to-action'] as Record<string, unknown>).footer = footer
  const sid = twilioSidOf(t)
  return {
    account_sid: 'AC0123456789abcdef0123456789abcdef',
    sid,
    friendly_name: t.name,
    language: t.language,
    variables: Object.fromEntries(names(body).map((n) => [n, `example ${n}`])),
    types,
    url: `https://content.twilio.com/v1/Content/${sid}`,
    date_created: '2026-01-01T00:00:00Z',
    date_updated: '2026-01-01T00:00:00Z',
    approval_requests: {
      name: t.name,
      category: t.category ?? 'MARKETING',
      status: (t.status ?? 'APPROVED').toLowerCase(),
      rejection_reason: '',
      content_type: Object.keys(types)[0]
    }
  }
}

/** Distinct variables of a template's Twilio content: what `ContentVariables` must fill. */
export const twilioVariableCount = (t: FakeTemplate): number =>
  names(JSON.stringify(twilioContent(t).types)).length

/** Twilio `GET /v1/ContentAndApprovals`: `contents` + `meta.next_page_url` (absolute). */
export function twilioListPage(
  catalog: FakeCatalogOptions,
  url: URL,
  headers: IncomingHttpHeaders
): Answer {
  const size = Math.min(Number(url.searchParams.get('PageSize') ?? 50), catalog.pageSize ?? 2)
  const pageNo = Number(url.searchParams.get('Page') ?? 0)
  const contents = page(catalog.templates, pageNo * size, size).map(twilioContent)
  const more = (pageNo + 1) * size < catalog.templates.length
  const at = (n: number) =>
    `${origin(headers)}/v1/ContentAndApprovals?PageSize=${size}&Page=${n}&PageToken=PT${n}`
  return ok({
    contents,
    meta: {
      page: pageNo,
      page_size: size,
      first_page_url: at(0),
      previous_page_url: pageNo > 0 ? at(pageNo - 1) : null,
      url: at(pageNo),
      next_page_url: more ? at(pageNo + 1) : null,
      key: 'contents'
    }
  })
}

/**
 * Gupshup `GET /wa/app/{appId}/template`: `{status, templates}`, the whole list without paging
 * parameters. Its `pageNo` counts from 0 ("unlike the 0-based pageNo on the unpaginated template
 * list", https://partner-docs.gupshup.io/reference/gettemplatespaginated); `pageSize` 1 to 100
 * (that page's rule) and honoured exactly, so only the last page is short. `catalog.pageSize`
 * does not apply: Gupshup serves the size asked for.
 */
export function gupshupListPage(catalog: FakeCatalogOptions, url: URL): Answer {
  const params = url.searchParams
  const paged = params.has('pageNo') || params.has('pageSize')
  const size = Number(params.get('pageSize') ?? 100)
  const pageNo = Number(params.get('pageNo') ?? 0)
  if (paged && !(Number.isInteger(size) && size >= 1 && size <= 100))
    return { status: 400, body: { status: 'error', message: 'pageSize must be between 1 and 100' } }
  if (paged && !(Number.isInteger(pageNo) && pageNo >= 0))
    return { status: 400, body: { status: 'error', message: 'Invalid pageNo' } }
  const list = paged ? page(catalog.templates, pageNo * size, size) : catalog.templates
  const templates = list.map((t) => {
    const header = component(t, 'HEADER')
    const buttons = (component(t, 'BUTTONS')?.buttons ?? []) as Record<string, unknown>[]
    const format = header && header.format !== 'TEXT' ? String(header.format) : 'TEXT'
    const body = String(component(t, 'BODY')?.text ?? '')
    return {
      appId: 'fake-app',
      category: t.category ?? 'MARKETING',
      containerMeta: JSON.stringify({
        appId: 'fake-app',
        data: body,
        ...(header?.format === 'TEXT' ? { header: header.text } : {}),
        ...(component(t, 'FOOTER') ? { footer: component(t, 'FOOTER')!.text } : {}),
        buttons: buttons.map((b) => ({ type: b.type, text: b.text, url: b.url })),
        sampleText: body
      }),
      createdOn: 1_700_000_000_000,
      data: body,
      elementName: t.name,
      externalId: digest(t.name).slice(0, 15),
      id: gupshupIdOf(t),
      languageCode: t.language,
      languagePolicy: 'deterministic',
      modifiedOn: 1_700_000_000_000,
      namespace: 'fake_namespace',
      quality: t.quality_score?.score ?? 'UNKNOWN',
      status: t.status ?? 'APPROVED',
      templateType: format,
      vertical: 'Promotions'
    }
  })
  return ok({ status: 'success', templates })
}

/** Infobip `GET /whatsapp/2/senders/{sender}/templates` with `paging` (page / totalPages). */
export function infobipListPage(catalog: FakeCatalogOptions, url: URL): Answer {
  const size = catalog.pageSize ?? 2
  const pageNo = Number(url.searchParams.get('page') ?? 0)
  const templates = page(catalog.templates, pageNo * size, size).map((t, i) => {
    const header = component(t, 'HEADER')
    const buttons = (component(t, 'BUTTONS')?.buttons ?? []) as Record<string, unknown>[]
    return {
      id: String(3_000_000 + pageNo * size + i),
      businessAccountId: 222,
      name: t.name,
      language: t.language,
      status: t.status ?? 'APPROVED',
      category: t.category ?? 'MARKETING',
      structure: {
        ...(header
          ? {
              header:
                header.format === 'TEXT'
                  ? { format: 'TEXT', text: header.text }
                  : { format: header.format }
            }
          : {}),
        body: { text: component(t, 'BODY')?.text ?? '' },
        ...(component(t, 'FOOTER') ? { footer: { text: component(t, 'FOOTER')!.text } } : {}),
        ...(buttons.length
          ? { buttons: buttons.map((b) => ({ type: b.type, text: b.text, url: b.url })) }
          : {}),
        type: header && header.format !== 'TEXT' ? 'MEDIA' : 'TEXT'
      },
      quality: t.quality_score?.score === 'GREEN' ? 'HIGH' : 'UNKNOWN'
    }
  })
  return ok({
    templates,
    paging: {
      page: pageNo,
      size,
      totalPages: Math.ceil(catalog.templates.length / size),
      totalResults: catalog.templates.length
    }
  })
}
