/**
 * Why a send's outcome is unknown (message.dispatch_error of an `unknown` row), in words an
 * operator can act on. Null: the app stopped while the request was in flight.
 */
export function outcomeUnknownReason(reason: string | null): string {
  switch (reason) {
    case 'timeout':
      return 'No answer before the deadline: the provider may have accepted it.'
    case 'network':
      return 'The connection broke after the request was sent: the provider may have accepted it.'
    case 'provider_error':
      return 'The provider answered a server error after reading the request: it may have accepted it.'
    case null:
      return 'Tickboard stopped while this request was on its way: the provider may have accepted it.'
    default:
      return `The provider's answer was lost (${reason}): it may have accepted it.`
  }
}

/** What sending again risks, said before the operator confirms it. */
export const RESEND_RISK =
  'The provider may already have delivered some of these messages without telling us: those ' +
  'recipients would get the same message twice. Tickboard could not confirm them from callbacks ' +
  'or from the provider’s records.'
