/**
 * The print request carried in the URL fragment (`#print=<campaignId>&paper=A4&token=…`). Read
 * when this module loads, which main.tsx makes happen before lib/api.ts takes the token and
 * clears the fragment.
 */
function read(): { campaignId: string; paper: 'A4' | 'Letter' } | null {
  const hash = window.location.hash
  const id = /(?:^#|&)print=([^&]+)/.exec(hash)?.[1]
  if (!id) return null
  const paper = /(?:^#|&)paper=Letter(?:&|$)/.test(hash) ? 'Letter' : 'A4'
  return { campaignId: decodeURIComponent(id), paper }
}

export const printTarget = read()
