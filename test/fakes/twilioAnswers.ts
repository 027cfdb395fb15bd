import type { Answer } from './server'

const DEFAULT_CODES: Record<number, [number, string]> = {
  400: [21211, "The 'To' number is not a valid phone number."],
  401: [20003, 'Authenticate'],
  403: [20003, 'Authenticate'],
  404: [20404, 'The requested resource was not found'],
  429: [20429, 'Too Many Requests'],
  500: [20500, 'Internal Server Error'],
  503: [20503, 'Service Unavailable']
}

/** Twilio's error body: `{code, message, more_info, status}`. */
export function twilioError(status: number, code?: string | number, message?: string): Answer {
  const [defaultCode, defaultMessage] = DEFAULT_CODES[status] ?? [20500, 'Internal Server Error']
  const c = Number(code ?? defaultCode)
  return {
    status,
    body: {
      code: c,
      message: message ?? defaultMessage,
      more_info: `https://www.twilio.com/docs/errors/${c}`,
      status
    }
  }
}

/**
 * Twilio's Account resource, `GET /2010-04-01/Accounts/{AccountSid}.json`
 * (https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource): the Test connection read.
 */
export function accountResource(accountSid: string): Answer {
  return {
    status: 200,
    body: {
      sid: accountSid,
      friendly_name: 'Tickboard test account',
      status: 'active',
      type: 'Full',
      uri: `/2010-04-01/Accounts/${accountSid}.json`
    }
  }
}

/** The Account fetch when `url` asks for it: its resource, or not `ok` (wrong credentials or SID). */
export function accountRoute(
  url: URL,
  accountSid: string,
  authorized: boolean
): { ok: true; answer: Answer } | { ok: false } | null {
  const match = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/.exec(url.pathname)
  if (!match) return null
  return authorized && match[1] === accountSid
    ? { ok: true, answer: accountResource(accountSid) }
    : { ok: false }
}
