import { create } from 'zustand'
import type { Output } from '../../../shared/ipc/contract'
import { api } from '../lib/api'

interface UnknownOutcomesState {
  /** A page of a campaign's sends whose outcome is unknown, with why. */
  list(
    campaignId: string,
    offset: number,
    limit: number
  ): Promise<Output<'campaigns.unknownOutcomes'>>
  /** The operator's explicit resend, after confirming the risk of a duplicate. */
  resend(campaignId: string): Promise<Output<'campaigns.resendUnknown'>>
}

/** Sends whose outcome is unknown (spec §3) and their resend. */
export const useUnknownOutcomesStore = create<UnknownOutcomesState>()(() => ({
  list: (campaignId, offset, limit) =>
    api.invoke('campaigns.unknownOutcomes', { id: campaignId, offset, limit }),
  resend: (campaignId) =>
    api.invoke('campaigns.resendUnknown', { id: campaignId, acceptDuplicateRisk: true })
}))
