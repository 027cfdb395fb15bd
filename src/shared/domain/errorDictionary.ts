/**
 * Plain-language explanations of every dispatch reason and of the common provider error codes
 * (providers.md §1.9 Meta, §2.6 Twilio, §3.6 Gupshup, §4.2 Infobip), shown in the Errors tab,
 * the drill-down and the exports. Unknown codes still get an entry built from the provider's text.
 */
import type { DispatchErrorReason } from './dispatch'

export interface ErrorExplanation {
  title: string
  explanation: string
  nextStep: string
}

// Tables are kept one code per line (prettier-ignore) so they read like the reference tables.
type Entry = [title: string, explanation: string, nextStep: string]
const table = (rows: Record<string, Entry>): Record<string, ErrorExplanation> =>
  Object.fromEntries(
    Object.entries(rows).map(([code, [title, explanation, nextStep]]) => [
      code,
      { title, explanation, nextStep }
    ])
  )

const TEMPLATE_FIX = 'Fix the template or its parameters in the campaign, then send again.'
const WAIT_RETRY = 'Wait and send to these users again later; lower the throughput if it repeats.'
const ACCOUNT_FIX = 'Open the WhatsApp Business Manager, fix the account issue, then resume.'

// prettier-ignore
export const DISPATCH_ERRORS: Record<DispatchErrorReason, ErrorExplanation> = table({
  timeout: ['Provider did not answer in time', 'The provider did not respond before the time limit, even after retries. The message may not have been accepted.', 'Check the provider status page and your network, then send to these users again.'],
  auth_failed: ['Credentials rejected', 'The provider refused the API credentials (401/403), so the campaign paused instead of burning through the audience.', 'Update the access token or API key of the provider account, then resume the campaign.'],
  rate_limited: ['Provider rate limit', 'The provider kept answering "too many requests" (429) after every retry.', 'Lower the campaign throttle or the provider throughput, then send to these users again.'],
  invalid_request: ['Request refused as invalid', 'The provider refused the request itself: a bad number, a wrong template name or language, or missing parameters. Retrying the same request will fail again.', 'Open a recipient to read the provider message, fix the template, parameters or contact, then send again.'],
  provider_error: ['Provider error', 'The provider answered with a server error (5xx) after every retry.', 'Check the provider status page; send to these users again when it is healthy.'],
  network: ['Network error', 'The request never reached the provider (connection refused, DNS or TLS failure).', 'Check the internet connection, proxy and the provider base URL, then send again.'],
  campaign_limit: ['Beyond the campaign limit', 'These target users were not sent because the campaign limit (most messages to send) was reached.', 'Raise the limit in a new campaign if you want to reach them.'],
  cancelled: ['Campaign cancelled', 'The campaign was cancelled before these users were sent.', 'Create a new campaign for the remaining users if needed.']
}) as Record<DispatchErrorReason, ErrorExplanation>

/** Meta Cloud API codes (also 360dialog, the Sandbox, and Meta codes relayed by Gupshup/Infobip). */
// prettier-ignore
const META = table({
  '0': ['Authentication failed', 'The access token cannot be used.', 'Generate a new access token and update the provider account.'],
  '4': ['Too many API calls', 'The app hit its Graph API call limit.', WAIT_RETRY],
  '10': ['Permission denied', 'The token lacks the WhatsApp messaging permission, or the number is not enabled for it.', 'Give the system user the whatsapp_business_messaging permission and update the token.'],
  '100': ['Invalid parameter', 'A field of the request was not accepted.', TEMPLATE_FIX],
  '190': ['Access token expired', 'The access token expired or was revoked.', 'Create a new (ideally permanent system-user) token and update the provider account.'],
  '200': ['Permission denied', 'The token lacks a required permission.', 'Check the app permissions in Business Manager and update the token.'],
  '368': ['Temporarily blocked for policy violations', 'Meta restricted the account for violating its policies.', 'Review the policy notice in Business Manager and appeal or fix before sending again.'],
  '80007': ['Account rate limit', 'The WhatsApp Business Account hit its rate limit.', WAIT_RETRY],
  '130429': ['Throughput exceeded', 'More messages per second were sent than the number allows.', 'Lower the throttle of the provider account, then send to these users again.'],
  '130472': ['Held back by a Meta experiment', 'Meta withheld this marketing message because the user is part of an experiment. Sending again gives the same result.', 'Nothing to fix: leave these users out of the analysis or reach them another way.'],
  '131000': ['Something went wrong at Meta', 'An unknown or temporary error at Meta.', WAIT_RETRY],
  '131005': ['Access denied', 'The token or number has no permission for this operation.', 'Check the number and the token permissions in Business Manager.'],
  '131008': ['Required parameter missing', 'The template needs a parameter that was not sent.', TEMPLATE_FIX],
  '131009': ['Parameter value not valid', 'A parameter value, or the phone number, was not valid.', 'Check the contacts and template parameter values, then send again.'],
  '131016': ['WhatsApp service unavailable', 'Meta had an outage.', 'Wait for Meta to recover (metastatus.com), then send to these users again.'],
  '131021': ['Recipient is the sender', 'The message was addressed to the business number itself.', 'Remove the business number from the contacts.'],
  '131026': ['Message undeliverable', 'The number is not on WhatsApp, the user has not accepted the latest terms, or their app is too old.', 'Nothing to fix on your side; remove numbers that keep failing or reach them by another channel.'],
  '131031': ['Business account locked', 'Meta locked the WhatsApp Business Account.', ACCOUNT_FIX],
  '131042': ['Payment issue', 'The business has a billing or payment method problem.', 'Fix the payment method in Business Manager, then resume.'],
  '131045': ['Phone registration problem', 'The business phone number has a certificate or registration problem.', 'Re-register the business phone number, then resume.'],
  '131047': ['Outside the 24-hour window', 'More than 24 hours passed since the user last wrote, so only templates can be sent.', 'Send an approved template instead of a free-form message.'],
  '131048': ['Spam rate limit hit', 'Too many users blocked or reported your messages, so Meta restricted sending.', 'Improve targeting and content quality; wait before sending again.'],
  '131049': ['Not delivered to protect user experience', 'Meta limits how many marketing messages one user receives; this user got enough recently.', 'Do not resend right away; try these users again days later.'],
  '131050': ['User stopped marketing messages', 'The user opted out of marketing messages from this business.', 'Remove these users from marketing audiences.'],
  '131051': ['Unsupported message type', 'The message type is not supported.', TEMPLATE_FIX],
  '131052': ['Media download error', 'Media sent by the user could not be downloaded.', 'Ask the user to send it again.'],
  '131053': ['Media upload error', 'The header media URL was unreachable or of an unsupported type or size.', 'Host the media at a public HTTPS URL in a supported format, then send again.'],
  '131056': ['Too many messages to one user', 'Too many messages were sent to the same user in a short time.', 'Wait before sending to these users again.'],
  '131062': ['Cannot send to a user id', 'This message was addressed by business-scoped user id (BSUID) and Meta does not allow BSUID recipients for it (for example some authentication templates).', 'Send these users this template by phone number, or use another template.'],
  '131057': ['Account in maintenance', 'The business account is in maintenance mode (for example a throughput upgrade).', 'Wait a few minutes, then send again.'],
  '132000': ['Wrong number of template parameters', 'The number of parameters does not match the template.', TEMPLATE_FIX],
  '132001': ['Template does not exist', 'No approved template with this name and language.', 'Check the template name and language, or sync templates, then send again.'],
  '132005': ['Template text too long', 'The template with its parameters filled in is too long.', 'Shorten the parameter values, then send again.'],
  '132007': ['Template breaks format policy', 'The filled-in text violates WhatsApp formatting rules.', TEMPLATE_FIX],
  '132012': ['Template parameter format mismatch', 'A parameter does not have the format the template expects.', TEMPLATE_FIX],
  '132015': ['Template paused', 'The template was paused for low quality.', 'Wait for the pause to end or use another template.'],
  '132016': ['Template disabled', 'The template was disabled for low quality.', 'Create and get a new template approved.'],
  '132068': ['Flow blocked', 'The flow in the template is blocked.', 'Fix the flow in WhatsApp Manager.'],
  '132069': ['Flow throttled', 'The flow in the template was throttled.', WAIT_RETRY],
  '133010': ['Business number not registered', 'The sending number is not registered on the Cloud API.', 'Register the phone number, then resume.']
})

// prettier-ignore
const TWILIO = table({
  '20003': ['Authentication failed', 'Twilio refused the Account SID or Auth Token.', 'Update the Twilio credentials of the provider account.'],
  '20429': ['Too many requests', 'Twilio rate-limited the API requests.', WAIT_RETRY],
  '21211': ['Invalid To number', 'The destination number is not a valid phone number.', 'Correct or remove these contacts.'],
  '21408': ['Region not enabled', 'Sending to this country is not enabled in the Twilio geo permissions.', 'Enable the region in Twilio geo permissions, then send again.'],
  '21610': ['Recipient unsubscribed', 'The user replied STOP and unsubscribed from this sender.', 'Remove these users from the audience.'],
  '20404': ['Not found', 'Twilio found no resource at the requested address (a wrong Account SID, or a deleted sender or message).', 'Check the Account SID and sender of the provider account.'],
  '20500': ['Twilio internal error', 'Twilio had an internal error.', WAIT_RETRY],
  '20503': ['Twilio unavailable', 'Twilio was temporarily unavailable.', WAIT_RETRY],
  '21609': ['Invalid status callback URL', 'Twilio refused the StatusCallback URL sent with the message.', 'Check the tunnel or --public-url: the callback URL must be a public http(s) address.'],
  '21619': ['Message has no content', 'The request carried neither a body, media nor a ContentSid.', TEMPLATE_FIX],
  '21655': ['Invalid ContentSid', 'The ContentSid is not a content template of this Twilio account (typo, deleted, or another account’s).', 'Sync templates and choose the template again, then send again.'],
  // https://www.twilio.com/docs/api/errors/21656
  '21656': ['Template variables refused', 'Twilio refused the ContentVariables: a value was empty, or contained a newline, a tab or more than four consecutive spaces.', 'Fix the contact property used for that variable (no empty values, line breaks, tabs or long runs of spaces), then send again.'],
  '63007': ['Sender not found', 'Twilio has no WhatsApp sender for the From number of the provider account.', 'Check the From number of the provider account against Twilio’s WhatsApp senders.'],
  '30001': ['Queue overflow', 'Too many messages were queued at Twilio.', WAIT_RETRY],
  '30003': ['Unreachable handset', 'The phone is off or out of coverage.', 'Try these users again later.'],
  '30004': ['Message blocked', 'The message was blocked by the carrier or the user.', 'Remove users who blocked you; review content.'],
  '30005': ['Unknown destination', 'The number does not exist or is no longer in service.', 'Remove these numbers.'],
  '30006': ['Landline or unreachable carrier', 'The number cannot receive this message.', 'Remove these numbers.'],
  '30007': ['Filtered as spam', 'The carrier or WhatsApp filtered the message.', 'Review content and consent; send less often.'],
  '30008': ['Unknown error', 'Twilio could not deliver the message for an unspecified reason.', WAIT_RETRY],
  '30036': ['Validity period expired', 'The message could not be delivered before it expired.', 'Send again if it is still relevant.'],
  '63003': ['WhatsApp could not find the number', 'The destination is not a WhatsApp user.', 'Reach these users by another channel.'],
  '63013': ['Channel policy violation', 'WhatsApp refused the message for a policy reason.', 'Review the template and opt-in rules.'],
  '63014': ['Blocked by the user', 'The user blocked your WhatsApp sender.', 'Remove these users from the audience.'],
  '63016': ['Outside the 24-hour window', 'Free-form messages are only allowed within 24 hours of the user’s last message.', 'Use an approved template.'],
  '63018': ['Sender rate limit exceeded', 'The WhatsApp sender exceeded its rate or messaging limit.', 'Lower the throttle; wait for the messaging tier to grow.'],
  '63021': ['Invalid content', 'WhatsApp refused the content (for example a template over 1024 characters).', TEMPLATE_FIX],
  '63023': ['Channel error', 'A generic WhatsApp channel error.', WAIT_RETRY],
  // 63027 per Twilio's error list (page text not read here); 63028: https://www.twilio.com/docs/api/errors/63028
  '63027': ['Template does not exist for this language', 'WhatsApp has no approved template with this name in the message’s language and locale.', 'Sync templates and check the template’s language, then send again.'],
  '63028': ['Wrong number of template variables', 'The ContentVariables did not match the variables the template defines (a value missing or too many).', 'Sync templates so the campaign uses the template’s current variables, then send again.'],
  '63024': ['Invalid recipient', 'The number is not a WhatsApp user or is not valid.', 'Correct or remove these contacts.'],
  '63032': ['Held back by a Meta experiment', 'Meta withheld this marketing message as part of an experiment (Meta 130472).', 'Nothing to fix: these users cannot be reached with marketing right now.'],
  '63049': ['Meta chose not to deliver', 'Meta limits marketing messages per user (and blocks US marketing), so it did not deliver this one.', 'Do not resend right away; try days later.'],
  '63062': ['Marketing terms not accepted', 'The Meta Marketing Messages terms were not accepted for this account.', 'Accept the terms in Meta Business Manager.'],
  '63112': ['Business account disabled', 'Meta disabled or restricted the WhatsApp Business Account.', ACCOUNT_FIX]
})

// prettier-ignore
const GUPSHUP = table({
  '500': ['Gupshup internal error', 'Gupshup had an internal error.', 'Contact Gupshup support if it repeats.'],
  '1001': ['Sender mismatch', 'The last mapped bot and the sender details do not match.', 'Check the Gupshup app name and source number of the provider account.'],
  '1002': ['Not a WhatsApp user', 'The destination number is not on WhatsApp.', 'Reach these users by another channel.'],
  '1003': ['Wallet balance low', 'The Gupshup wallet has insufficient balance.', 'Top up the Gupshup wallet, then send again.'],
  '1004': ['Template messaging disabled', 'The user is outside the session window and template messaging is disabled.', 'Enable template messaging in Gupshup.'],
  '1005': ['Template did not match', 'The user is outside the session window and the text matched no approved template.', TEMPLATE_FIX],
  '1006': ['User not opted in', 'The user is outside the session window and has not opted in.', 'Collect opt-in before messaging these users.'],
  '1007': ['Not opted in and template mismatch', 'The user has not opted in and the template did not match.', 'Collect opt-in and fix the template.'],
  '1008': ['Not opted in and inactive', 'The user has not opted in and is not active.', 'Collect opt-in before messaging these users.'],
  '1010': ['Invalid media URL', 'The media URL could not be used.', 'Host the media at a public HTTPS URL.'],
  '1011': ['Invalid media size', 'The media file is too large or too small.', 'Use media within WhatsApp size limits.'],
  '1012': ['Number opted out', 'The user opted out of messages.', 'Remove these users from the audience.'],
  '4001': ['API rate limited', 'Gupshup rate-limited the requests.', 'Stop sending and contact Gupshup.'],
  '4002': ['Invalid response from WhatsApp', 'WhatsApp answered Gupshup with an unexpected response.', WAIT_RETRY],
  '4003': ['No matching template', 'No approved template matched the message.', TEMPLATE_FIX],
  '4004': ['Cloud API only', 'This feature is only available to apps on Meta’s Cloud API, and this Gupshup app is not on it.', 'Migrate the Gupshup app to the Cloud API, or send without that feature.'],
  '4005': ['Template paused', 'Meta paused the template (low quality), so Gupshup refused the message.', 'Wait for the pause to end or use another template.']
})

/**
 * Infobip status groups, error groups by name, the request errors of its API (messageId) and the
 * numeric error ids of its general error list relevant to WhatsApp (status and error objects:
 * https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes).
 */
const INFOBIP_CHECK = 'Check the number; remove it if it keeps failing.'
const INFOBIP_LATER = 'Try these users again later.'
const INFOBIP_SUPPORT = 'Contact Infobip support if it repeats.'
// prettier-ignore
const INFOBIP = table({
  PENDING: ['Pending', 'Infobip has not received a final report yet.', 'Wait for the final report.'],
  UNDELIVERABLE: ['Undeliverable', 'Infobip could not deliver the message to the handset.', 'Open a recipient to read Infobip’s reason.'],
  EXPIRED: ['Expired', 'The message expired before it could be delivered.', 'Send again if it is still relevant.'],
  REJECTED: ['Rejected', 'Infobip or WhatsApp rejected the message.', 'Open a recipient to read Infobip’s reason, fix and send again.'],
  HANDSET_ERRORS: ['Handset error', 'The recipient’s device or subscription could not take the message.', INFOBIP_LATER],
  USER_ERRORS: ['User error', 'The recipient could not receive the message (not on WhatsApp, blocked, opted out).', 'Remove these numbers or reach them another way.'],
  OPERATOR_ERRORS: ['Operator error', 'WhatsApp or the network failed to deliver.', WAIT_RETRY],
  // Status names a send or report carries (general status codes).
  UNDELIVERABLE_REJECTED_OPERATOR: ['Rejected by the operator', 'The operator rejected the message as undeliverable.', INFOBIP_SUPPORT],
  UNDELIVERABLE_NOT_DELIVERED: ['Not delivered', 'The message was not delivered, typically an invalid or unreachable number.', INFOBIP_CHECK],
  EXPIRED_EXPIRED: ['Expired', 'The message stayed pending until its validity period ended.', 'Send again if it is still relevant.'],
  EXPIRED_DLR_UNKNOWN: ['Expired, status unknown', 'The message expired and no delivery report came back.', INFOBIP_SUPPORT],
  REJECTED_NETWORK: ['Network not covered', 'The destination network is not covered or not set up on the Infobip account.', 'Ask Infobip to enable the network.'],
  REJECTED_PREFIX_MISSING: ['Number prefix not recognized', 'The number’s prefix or length matches no network.', 'Correct or remove these contacts.'],
  REJECTED_SOURCE: ['Sender not registered', 'The account only accepts registered senders and this one is not.', 'Check the sender of the provider account.'],
  REJECTED_NOT_ENOUGH_CREDITS: ['Out of credit', 'The Infobip account has no credit left.', 'Top up the Infobip account, then send again.'],
  REJECTED_DESTINATION_BLOCKLISTED: ['Destination blocklisted', 'The number is blocklisted on the account or by the operator.', 'Remove these users from the audience.'],
  REJECTED_FLOODING_FILTER: ['Flooding filter', 'Too many messages went to the same number within an hour.', 'Wait before sending to these users again.'],
  REJECTED_SYSTEM_ERROR: ['Infobip system error', 'Infobip rejected the request because of a system error.', WAIT_RETRY],
  MISSING_TO: ['No recipient', 'The request had no destination number.', 'Correct or remove these contacts.'],
  REJECTED_DESTINATION: ['Invalid destination', 'The number’s prefix matches no operator, or its length is wrong.', 'Correct or remove these contacts.'],
  // Request errors of the API (requestError.serviceException.messageId).
  BAD_REQUEST: ['Request refused as invalid', 'Infobip refused the request (for example an unknown or unapproved template, or wrong placeholders).', 'Open a recipient to read Infobip’s text, fix the template or contact, then send again.'],
  UNAUTHORIZED: ['Credentials rejected', 'Infobip refused the API key.', 'Update the API key of the provider account.'],
  NOT_FOUND: ['Not found', 'Infobip found nothing at the requested address (base URL or sender).', 'Check the base URL and sender of the provider account.'],
  TOO_MANY_REQUESTS: ['Too many requests', 'Infobip rate-limited the requests.', WAIT_RETRY],
  GENERAL_ERROR: ['Infobip internal error', 'Infobip had an internal error.', WAIT_RETRY],
  SERVICE_UNAVAILABLE: ['Infobip unavailable', 'Infobip was temporarily unavailable.', WAIT_RETRY],
  // Numeric error ids (general error codes: handset, user, operator).
  '1': ['Unknown subscriber', 'The network does not know the recipient (EC_UNKNOWN_SUBSCRIBER).', INFOBIP_CHECK],
  '5': ['Unidentified subscriber', 'The number is not registered or its details are incomplete (EC_UNIDENTIFIED_SUBSCRIBER).', INFOBIP_CHECK],
  '6': ['Recipient unreachable', 'The phone was off or out of coverage (EC_ABSENT_SUBSCRIBER_SM).', INFOBIP_LATER],
  '8': ['Roaming not allowed', 'The recipient is roaming where delivery is not possible (EC_ROAMING_NOT_ALLOWED).', INFOBIP_LATER],
  '9': ['Illegal subscriber', 'The recipient failed authentication, often a blocklisted number (EC_ILLEGAL_SUBSCRIBER).', 'Remove these numbers.'],
  '11': ['Service not provisioned', 'The recipient’s subscription does not support this service (EC_TELESERVICE_NOT_PROVISIONED).', 'Remove these numbers or reach them another way.'],
  '13': ['Service barred', 'The operator suspended the recipient’s service (EC_CALL_BARRED).', INFOBIP_LATER],
  '27': ['Recipient unreachable', 'The phone was off or out of coverage (EC_ABSENT_SUBSCRIBER).', INFOBIP_LATER],
  '32': ['Delivery failure', 'Delivery to the recipient failed (EC_SM_DELIVERY_FAILURE).', INFOBIP_LATER],
  '34': ['System failure', 'A system failure stopped delivery (EC_SYSTEM_FAILURE).', WAIT_RETRY],
  '255': ['Unknown error', 'Infobip reported an unknown error (EC_UNKNOWN_ERROR).', INFOBIP_SUPPORT],
  '351': ['Invalid destination address', 'The number is not on the operator’s network or was deactivated (EC_INVALID_DESTINATION_ADDRESS).', INFOBIP_CHECK],
  '352': ['Country code not recognized', 'The destination’s country code is not recognized (EC_INVALID_REQUEST_DESTINATION).', 'Correct or remove these contacts.'],
  '433': ['Account access denied', 'Infobip denied access to the account (EC_ACCOUNT_ACCESS_DENIED).', 'Check the Infobip account and API key.'],
  '603': ['Recipient opted out', 'The recipient opted out (EC_CONTENT_BLOCKED).', 'Remove these users from the audience.'],
  '608': ['Blocked as fraud risk', 'Infobip’s anti-fraud check blocked the message (EC_SIGNALS_BLOCKED).', 'If it is a false positive, add the number to the trusted list in Infobip.'],
  '2052': ['Destination blocklisted', 'The number is blocklisted on the account or by the operator (EC_BLACKLISTED_DESTINATIONADDRESS).', 'Remove these users from the audience.'],
  '3041': ['Number deactivated', 'The number is permanently deactivated (EC_DEACTIVATED_LIST).', 'Remove these numbers; do not send to them again.'],
  '4099': ['Monthly limit reached', 'The account’s monthly credit limit was reached (EC_MONTHLY_LIMIT_REACHED).', 'Raise the limit with Infobip, then send again.'],
  '4100': ['Cancelled before sending', 'The message was not sent on within its validity period (EC_MESSAGE_CANCELED).', 'Send again if it is still relevant.'],
  '4101': ['Validity expired', 'The message was not delivered within its validity period (EC_VALIDITY_EXPIRED).', 'Send again if it is still relevant.'],
  '4103': ['Flooding filter', 'Too many messages went to this number within an hour (EC_DESTINATION_FLOODING).', 'Wait before sending to these users again.']
})

const BY_PROVIDER: Record<string, Record<string, ErrorExplanation>[]> = {
  meta: [META],
  sandbox: [META],
  twilio: [TWILIO, META],
  gupshup: [GUPSHUP, META],
  infobip: [INFOBIP, META]
}
const ALL = [META, TWILIO, GUPSHUP, INFOBIP]

export function explainDispatchError(reason: string): ErrorExplanation {
  return (
    DISPATCH_ERRORS[reason as DispatchErrorReason] ?? {
      title: reason,
      explanation: `The message was not sent (reason "${reason}").`,
      nextStep: 'Open a recipient to read the provider message.'
    }
  )
}

/** Known delivery error of that provider type, or null. */
export function lookupDeliveryError(
  providerType: string | null,
  code: string
): ErrorExplanation | null {
  const tables = (providerType && BY_PROVIDER[providerType]) || ALL
  for (const t of tables) if (Object.hasOwn(t, code)) return t[code]!
  return null
}

/** Delivery error explanation; unknown codes fall back to the provider's own text. */
export function explainDeliveryError(
  providerType: string | null,
  code: string,
  providerText?: string | null
): ErrorExplanation & { known: boolean } {
  const known = lookupDeliveryError(providerType, code)
  if (known) return { ...known, known: true }
  if (code === 'unknown')
    return {
      known: false,
      title: providerText || 'Failed without an error code',
      explanation: 'The provider reported a failure without an error code.',
      nextStep: 'Open a recipient to read the provider message.'
    }
  return {
    known: false,
    title: providerText || `Error ${code}`,
    explanation: providerText
      ? `The provider reported code ${code}: “${providerText}”.`
      : `The provider reported code ${code} without a description.`,
    nextStep: `Look up code ${code} in the provider’s documentation.`
  }
}
