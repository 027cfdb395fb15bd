import type {
  HeaderFormat,
  TemplateComponents,
  TemplateVariable
} from '../../shared/ipc/routes/templates'
import { pick, stringOrNull } from '../http/json'
import { normaliseCategory } from './category'
import type { SyncedTemplate } from './types'
import { parameterFormatOf, variablesOf } from './variables'

const HEADER_FORMATS: Record<string, HeaderFormat> = {
  TEXT: 'text',
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location'
}

/** A provider's header format word (`IMAGE`, `video`, …) as ours, or null when it names none. */
export function headerFormatOf(value: unknown): HeaderFormat | null {
  return HEADER_FORMATS[stringOrNull(value)?.toUpperCase() ?? ''] ?? null
}

/** A media (non-text) header format, or null for text headers and anything unknown. */
export function mediaFormatOf(value: unknown): Exclude<HeaderFormat, 'text'> | null {
  const format = headerFormatOf(value)
  return format === 'text' ? null : format
}

/** What a provider's template parser read, before the parts every provider derives alike. */
export interface ReadTemplate {
  name: string
  language: string
  externalId: string | null
  /** The operator-facing name, where the provider's `name` is an id (Gupshup, Twilio). */
  label?: string | null
  /** The provider's category label; normalised here. */
  category: unknown
  /** The provider's status word; upper-cased here, UNKNOWN when absent. */
  status: unknown
  /** The provider's quality rating; upper-cased here. */
  quality: unknown
  /** Why a template was rejected or paused, where the provider says. */
  statusReason?: string | null
  components: TemplateComponents
  /** Example values by variable key, for the compose page's placeholders. */
  examples?: Record<string, string>
  /** What the provider declares; derived from the components when it declares nothing. */
  parameterFormat?: SyncedTemplate['parameterFormat'] | null
  /** A provider whose variables are not `{{n}}` placeholders in the components lists its own. */
  variables?: TemplateVariable[]
}

/**
 * `{id, name, language, status, category}`, the top level Meta's template objects and Infobip's
 * share; null when the name or the language is missing (not a template we can send).
 */
export function metaStyleIdentity(
  raw: unknown
): Pick<ReadTemplate, 'name' | 'language' | 'externalId' | 'status' | 'category'> | null {
  const name = stringOrNull(pick(raw, 'name'))
  const language = stringOrNull(pick(raw, 'language'))
  if (!name || !language) return null
  const externalId = stringOrNull(pick(raw, 'id'))
  return {
    name,
    language,
    externalId,
    status: pick(raw, 'status'),
    category: pick(raw, 'category')
  }
}

const upper = (value: unknown): string | null => stringOrNull(value)?.toUpperCase() ?? null

/** One template in our vocabulary, whichever provider's list it came from. */
export function syncedTemplate(read: ReadTemplate): SyncedTemplate {
  const { components } = read
  return {
    name: read.name,
    language: read.language,
    externalId: read.externalId,
    label: read.label ?? null,
    category: normaliseCategory(read.category),
    status: upper(read.status) ?? 'UNKNOWN',
    quality: upper(read.quality),
    parameterFormat: read.parameterFormat ?? parameterFormatOf(components),
    components,
    variables: read.variables ?? variablesOf(components, read.examples),
    statusReason: read.statusReason ?? null
  }
}

/** A provider's raw list as templates; entries the parser cannot read (no name, …) are left out. */
export function parseTemplates(
  raw: unknown[],
  parse: (raw: unknown) => SyncedTemplate | null
): SyncedTemplate[] {
  return raw.map(parse).filter((t): t is SyncedTemplate => t !== null)
}
