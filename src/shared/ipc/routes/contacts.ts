import { z } from 'zod'

/** Matches the headless API's body limit for the import routes (64 MiB). */
const MAX_CSV_CHARS = 64 * 1024 * 1024

const rejectedLine = z.object({ line: z.number().int(), reason: z.string() })

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'two-letter ISO country code, for example IN or US')

export const contact = z.object({
  id: z.number().int(),
  phone: z.string(),
  name: z.string().nullable(),
  properties: z.record(z.string(), z.string()),
  updatedAt: z.number()
})
export type Contact = z.infer<typeof contact>

export const contactRoutes = {
  'contacts.import': {
    role: 'operator',
    changes: true,
    input: z.strictObject({
      csv: z.string().max(MAX_CSV_CHARS, 'CSV larger than 64 MB: split the file'),
      defaultCountry: countryCode.optional()
    }),
    output: z.object({
      imported: z.number().int(),
      updated: z.number().int(),
      rejected: z.array(rejectedLine)
    })
  },
  'contacts.list': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({
      /** Words of a name (starts of its words) or the start of a number (with or without +). */
      search: z.string().max(200).optional(),
      /** The previous page's `next` (pages go by key, never by offset). */
      after: z.string().max(1000).optional(),
      limit: z.number().int().min(1).max(500).default(50)
    }),
    output: z.object({
      /** At least this many when `totalAtLeast` (a search counts up to 10,000 matches). */
      total: z.number().int(),
      totalAtLeast: z.boolean(),
      rows: z.array(contact),
      /** `after` of the next page; null on the last one. */
      next: z.string().nullable()
    })
  },
  'contacts.properties': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({ properties: z.array(z.string()) })
  },
  /**
   * Per example value (a template variable's example text), the contact property that holds it on
   * the 2,000 most recent contacts, whatever its case; null when none does.
   */
  'contacts.suggestProperties': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({ examples: z.array(z.string().max(1024)).max(40) }),
    output: z.object({ properties: z.array(z.string().nullable()) })
  },
  'events.import': {
    role: 'operator',
    changes: true,
    input: z.strictObject({
      csv: z.string().max(MAX_CSV_CHARS, 'CSV larger than 64 MB: split the file')
    }),
    output: z.object({ imported: z.number().int(), rejected: z.array(rejectedLine) })
  },
  'events.summary': {
    role: 'viewer',
    changes: false,
    input: z.strictObject({}),
    output: z.object({
      events: z.array(z.object({ event: z.string(), count: z.number().int(), revenue: z.number() }))
    })
  }
} as const
