import { createHash } from 'node:crypto'

const TWO_64 = 2 ** 64

/**
 * Deterministic, uniformly random control-group membership: sha256(campaign:contact) read as a
 * 64-bit fraction of [0, 1). The same campaign and contact always land in the same group.
 */
export function inControlGroup(campaignId: string, contactId: number, percent: number): boolean {
  if (percent <= 0) return false
  const digest = createHash('sha256').update(`${campaignId}:${contactId}`).digest()
  return Number(digest.readBigUInt64BE(0)) / TWO_64 < percent / 100
}
