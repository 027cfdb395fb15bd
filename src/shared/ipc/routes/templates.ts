import { z } from 'zod'
import { campaignDraft } from './campaigns'

export const headerFormat = z.enum(['text', 'image', 'video', 'document', 'location'])
export type HeaderFormat = z.infer<typeof headerFormat>

export const templateButton = z.object({
  type: z.enum(['quick_reply', 'url', 'phone_number', 'copy_code', 'other']),
  text: z.string(),
  /** URL buttons: the URL, with `{{1}}` at the end when it takes a dynamic suffix. */
  url: z.string().optional(),
  phone: z.string().optional()
})
export type TemplateButton = z.infer<typeof templateButton>

/** A template's message, normalised from every provider's own shape. */
export const templateComponents = z.object({
  header: z
    .object({ format: headerFormat, text: z.string().optional(), example: z.string().optional() })
    .nullable(),
  body: z.string(),
  footer: z.string().nullable(),
  buttons: z.array(templateButton)
})
export type TemplateComponents = z.infer<typeof templateComponents>

/**
 * One value a send must fill. `key` is unique in the template: `body.1` / `body.first_name`,
 * `header.1` (text header variable), `header.media` (image/video/document URL), `button.<index>`
 * (a URL button's dynamic suffix or a copy-code value).
 */
export const templateVariable = z.object({
  key: z.string(),
  component: z.enum(['header', 'body', 'button']),
  /** The name the provider uses: `1`, `first_name`, or the button index. */
  name: z.string(),
  kind: z.enum(['text', 'media', 'url_suffix', 'copy_code']),
  example: z.string().optional()
})
export type TemplateVariable = z.infer<typeof templateVariable>

export const templateView = z.object({
  name: z.string(),
  language: z.string(),
  label: z.string().nullable(),
  category: z.enum(['marketing', 'utility', 'authentication']).nullable(),
  status: z.string(),
  quality: z.string().nullable(),
  parameterFormat: z.enum(['positional', 'named']),
  components: templateComponents,
  variables: z.array(templateVariable),
  statusReason: z.string().nullable(),
  categoryChangedAt: z.number().nullable(),
  previousCategory: z.string().nullable(),
  syncedAt: z.number().nullable()
})
export type TemplateView = z.infer<typeof templateView>

const listOut = z.object({
  templates: z.array(templateView),
  /** Last successful sync of this account; null when never synced. */
  syncedAt: z.number().nullable(),
  /** Why the last sync failed (offline, credentials, …); null when it succeeded. */
  error: z.string().nullable()
})

/** One rendered WhatsApp bubble: the message exactly as a recipient would see it. */
export const templateBubble = z.object({
  phone: z.string(),
  name: z.string().nullable(),
  header: z
    .object({ format: headerFormat, text: z.string().nullable(), url: z.string().nullable() })
    .nullable(),
  body: z.string(),
  footer: z.string().nullable(),
  buttons: z.array(
    z.object({ type: templateButton.shape.type, text: z.string(), url: z.string().nullable() })
  ),
  /** Variables that had no value and no fallback for this contact. */
  missing: z.array(z.string())
})
export type TemplateBubble = z.infer<typeof templateBubble>

export const templateRoutes = {
  'templates.sync': {
    role: 'operator',
    changes: true,
    input: z.strictObject({ providerId: z.string().min(1) }),
    output: listOut
  },
  'templates.list': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ providerId: z.string().min(1) }),
    output: listOut
  },
  'templates.preview': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      draft: campaignDraft.partial(),
      /** A chosen contact (by phone, E.164); without it, the first five of the audience. */
      phone: z.string().min(1).optional()
    }),
    output: z.object({ bubbles: z.array(templateBubble), template: templateView.nullable() })
  }
} as const
