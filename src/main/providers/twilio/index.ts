import type { ProviderAdapter } from '../types'
import { parseTwilioCallback, verifyTwilioSignature } from './callbacks'
import { createSender } from '../http'
import { lookupTwilioMessage } from './lookup'
import { findLostTwilioSends } from './lostSends'
import { buildTwilioRequest, classifyTwilioResponse } from './send'

/** Twilio Messages API for WhatsApp: per-message StatusCallback carrying our id as `?tb=`. */
export const twilioAdapter: ProviderAdapter = {
  type: 'twilio',
  send: createSender(buildTwilioRequest, classifyTwilioResponse),
  verifyCallback: (account, callback) =>
    verifyTwilioSignature(String(account.config.authToken ?? ''), callback),
  parseCallback: (_account, callback) => parseTwilioCallback(callback),
  lookupMessage: lookupTwilioMessage,
  findLostSends: findLostTwilioSends
}
