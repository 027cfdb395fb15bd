import type { Answer } from './server'

/** The phone number node with the fields asked for (`fields=display_phone_number,verified_name`). */
export function phoneNumberNode(id: string, url: URL): Answer {
  const all: Record<string, string> = {
    display_phone_number: '+1 555-010-0199',
    verified_name: 'Tickboard Test',
    quality_rating: 'GREEN'
  }
  const asked = (url.searchParams.get('fields') ?? 'display_phone_number,verified_name').split(',')
  return {
    status: 200,
    body: { ...Object.fromEntries(asked.filter((f) => f in all).map((f) => [f, all[f]])), id }
  }
}
