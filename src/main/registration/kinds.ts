import type { ProviderType } from '../../shared/ipc/routes/providers'

/** Delivery reports go to one URL kept in the provider account: it must be registered. */
export const REPORTS_PER_ACCOUNT: ReadonlySet<ProviderType> = new Set(['meta', 'gupshup'])
/** Delivery reports follow each message (Twilio StatusCallback, Infobip notifyUrl). */
export const REPORTS_PER_MESSAGE: ReadonlySet<ProviderType> = new Set(['twilio', 'infobip'])

export const SILENCE_LIMIT_MS = 7 * 24 * 60 * 60 * 1000
