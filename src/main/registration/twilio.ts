import { pick } from '../http/json'
import { digitsOf } from '../providers/normalize'
import { baseUrlOf } from '../providers/request'
import { twilioAuth } from '../providers/twilio/send'
import { callApi, describeAnswer, ok, providerMessage, statusOf } from './http'
import type { Registrar } from './types'

export const TWILIO_MESSAGING_BASE_URL = 'https://messaging.twilio.com'

/**
 * Twilio takes delivery reports per message (StatusCallback, already sent with every message);
 * only replies need the WhatsApp sender's inbound webhook. The Senders API (public beta) sets it:
 * find the sender (`GET /v2/Channels/Senders`), then `POST /v2/Channels/Senders/{Sid}` with
 * `webhook.callback_url`. Accounts without API access get the steps to do it by hand.
 */
export const registerTwilio: Registrar = async (account, url) => {
  const c = account.config
  const base = baseUrlOf(c, TWILIO_MESSAGING_BASE_URL)
  const auth = { ...twilioAuth(c), accept: 'application/json' }
  const from = String(c.from ?? '')
  const byHand = (why: string, answer: string | null) => ({
    outcome: 'manual' as const,
    detail: `${why} Delivery reports still arrive (Tickboard sends the callback URL with every message); for replies, open Twilio Console → Messaging → Senders → WhatsApp senders → ${from} and set "Webhook URL for incoming messages" to ${url} (POST).`,
    answer
  })
  const list = await callApi({
    method: 'GET',
    url: `${base}/v2/Channels/Senders?Channel=whatsapp&PageSize=50`,
    headers: auth
  })
  if (!ok(list))
    return [401, 403, 404].includes(statusOf(list))
      ? byHand(
          `This account cannot use the Senders API (${providerMessage(list)}).`,
          describeAnswer(list)
        )
      : {
          outcome: 'failed',
          detail: `Could not list the WhatsApp senders (${providerMessage(list)}).`,
          answer: describeAnswer(list)
        }
  const senders = pick(list.json, 'senders')
  const sender = (Array.isArray(senders) ? senders : []).find(
    (s) => digitsOf(String(pick(s, 'sender_id') ?? '')) === digitsOf(from)
  )
  const sid = pick(sender, 'sid')
  if (typeof sid !== 'string')
    return byHand(
      `The sender ${from} is not among this account's WhatsApp senders.`,
      describeAnswer(list)
    )
  const set = await callApi({
    method: 'POST',
    url: `${base}/v2/Channels/Senders/${encodeURIComponent(sid)}`,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook: { callback_url: url, callback_method: 'POST' } })
  })
  if (!ok(set))
    return {
      outcome: 'failed',
      detail: `Twilio refused the sender's webhook URL (${providerMessage(set)}).`,
      answer: describeAnswer(set)
    }
  const echoed = pick(set.json, 'webhook', 'callback_url')
  return echoed === url
    ? {
        outcome: 'registered',
        detail: `Twilio set the inbound webhook of sender ${from}; delivery reports follow every message.`,
        answer: describeAnswer(set)
      }
    : {
        outcome: 'failed',
        detail: `Twilio answered with another webhook URL (${String(echoed ?? 'none')}).`,
        answer: describeAnswer(set)
      }
}
