import type { Audience } from '../ipc/routes/campaigns'

const OP_WORDS = { eq: 'is', neq: 'is not', contains: 'contains', exists: 'is set' } as const

/**
 * A campaign's audience as an operator says it: "All contacts", or "city is Pune and plan is
 * gold" (filter values match case-insensitively).
 */
export function audienceInWords(audience: Audience): string {
  if ('all' in audience) return 'All contacts'
  return audience.filter
    .map((f) =>
      f.op === 'exists'
        ? `${f.property} ${OP_WORDS.exists}`
        : `${f.property} ${OP_WORDS[f.op]} ${f.value ?? ''}`.trimEnd()
    )
    .join(' and ')
}
