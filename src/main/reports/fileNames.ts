/**
 * A file-name-safe short form of a campaign name: ASCII letters, digits and dashes only (it also
 * goes into a Content-Disposition header, which must stay ASCII).
 */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase()
  return s || 'campaign'
}

/** `diwali-offer-recipients.csv`, `diwali-offer-report.pdf`, optionally with a date. */
export function exportFileName(
  campaignName: string,
  format: 'csv' | 'pdf',
  kind: string | undefined,
  date?: string
): string {
  const what = format === 'pdf' ? 'report' : (kind ?? 'summary').replaceAll('_', '-')
  return `${slug(campaignName)}-${date ? `${date}-` : ''}${what}.${format}`
}
