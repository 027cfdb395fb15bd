/**
 * What each campaign stat means, in the operator's words. Shown on hover in the stats view and
 * printed as the methodology note of the PDF report. Keep in step with the stats engine.
 */
export interface StatDefinition {
  key: string
  label: string
  definition: string
  /** Why the number can look low or high, and where to look. */
  caveat?: string
}

export const STAT_DEFINITIONS: StatDefinition[] = [
  {
    key: 'qualified',
    label: 'Qualified',
    definition: 'Audience members with a valid phone when the campaign was launched, one per phone.'
  },
  {
    key: 'control',
    label: 'Control group',
    definition:
      'Qualified users deliberately held out (not sent), chosen at random, to measure what the campaign changed.'
  },
  {
    key: 'target',
    label: 'Target',
    definition: 'Qualified users minus the control group: the users the campaign tried to message.'
  },
  {
    key: 'sent',
    label: 'Sent',
    definition: 'Messages the provider accepted (it answered with a message id).',
    caveat: 'Target users who were not sent are counted as dispatch errors, with the reason.'
  },
  {
    key: 'delivered',
    label: 'Delivered',
    definition: 'Sent messages whose latest evidence is delivered or read.',
    caveat:
      'Delivered can look low when status callbacks do not reach Tickboard: check Callback health (awaiting report).'
  },
  {
    key: 'viewed',
    label: 'Viewed',
    definition: 'Sent messages reported as read.',
    caveat: 'Users can turn read receipts off in WhatsApp, so Viewed is a lower bound.'
  },
  {
    key: 'replied',
    label: 'Replied',
    definition:
      'Target users with at least one reply attributed to this campaign (quoted, or the last campaign message sent to that phone before the reply). Replies counts the messages.'
  },
  {
    key: 'reacted',
    label: 'Reacted',
    definition:
      'Target users who reacted with an emoji to this campaign’s message. A reaction is not a reply; removing it later does not undo it.'
  },
  {
    key: 'optedOut',
    label: 'Opted out',
    definition:
      'Target users who stopped marketing messages after this campaign’s message, in WhatsApp or by replying a stop keyword (Settings); attributed like replies. A later resume does not undo it.',
    caveat:
      'Users whose send failed with 131050 had stopped before this campaign: they are marked opted out but not counted here. Users who opted out are left out of new campaigns.'
  },
  {
    key: 'converted',
    label: 'Converted',
    definition:
      'Sent users who did the goal event within the conversion window after their send time.'
  },
  {
    key: 'dispatchErrors',
    label: 'Dispatch errors',
    definition:
      'Target users that were not sent: refused by the provider, timed out, beyond the campaign limit, or cancelled. Grouped by reason.'
  },
  {
    key: 'deliveryErrors',
    label: 'Delivery errors',
    definition: 'Sent messages whose state is failed, grouped by the provider’s error code.'
  },
  {
    key: 'awaitingReport',
    label: 'Awaiting report',
    definition: 'Sent messages with no status callback yet.',
    caveat:
      'This is a callback problem, not a delivery problem: check the tunnel and the provider’s webhook settings.'
  },
  {
    key: 'outcomeUnknown',
    label: 'Outcome unknown',
    definition:
      'Requests that were in flight when Tickboard stopped unexpectedly and that no callback has matched yet. They were not sent again.'
  },
  {
    key: 'clicks',
    label: 'Clicks',
    definition:
      'The classic WhatsApp APIs send no click callbacks, so a campaign sent through them has no Clicked stat rather than a misleading zero. Campaigns sent through Meta’s Marketing Messages API (an option of the Meta account, for marketing templates) get one.'
  },
  {
    key: 'clicked',
    label: 'Clicked',
    definition:
      'Target users who clicked this campaign’s message (its body or a call-to-action button), from Meta’s Marketing Messages API click webhooks: attributed by the message in context, else to the last marketing message sent to that user in the 7 days before.',
    caveat:
      'Only campaigns sent through the Marketing Messages API have it; Meta reports clicks for messages of the last 7 days, and the feature is in limited availability.'
  },
  {
    key: 'landingPageViews',
    label: 'Landing page views',
    definition:
      'Landing pages opened in WhatsApp’s in-app browser from this campaign’s links, from the same API’s webhooks (matched to the click by tracking token, else click id).',
    caveat: 'Only for campaigns sent through the Marketing Messages API.'
  }
]

/** Cost and return (spec §6): the Cost panel, the summary CSV and the PDF. */
export const COST_DEFINITIONS: StatDefinition[] = [
  {
    key: 'cost',
    label: 'Cost',
    definition:
      'Σ billable messages × the rate card’s price for the recipient’s market and the message’s category, plus the account’s own fee for every priced message.',
    caveat:
      'Billable = the provider reported it billable (Meta pricing.billable or type regular); free = free_customer_service / free_entry_point. Where the provider reports no prices (Twilio, Infobip, Gupshup, Sandbox), delivered messages are priced at the template’s category and the cost is marked estimated.'
  },
  {
    key: 'costPerDelivered',
    label: 'Cost per delivered',
    definition: 'Cost ÷ delivered messages.'
  },
  {
    key: 'costPerConversion',
    label: 'Cost per conversion',
    definition: 'Cost ÷ converted target users.'
  },
  {
    key: 'costPerIncrementalConversion',
    label: 'Cost per incremental conversion',
    definition:
      'Cost ÷ incremental conversions, where incremental conversions = (target rate − control rate) × sent.',
    caveat: 'None without a control group, a cost, or a lift above zero.'
  },
  {
    key: 'roi',
    label: 'ROI',
    definition:
      'Incremental revenue ÷ cost (2.5 = each unit spent brought back 2.5 in revenue the campaign caused).',
    caveat: 'None without a control group or a cost.'
  }
]

export const CONVERSION_METHOD =
  'Target rate = converted target users / sent. Control rate = converted control users / control group; control users count from the time they were set aside. Lift = target rate − control rate, with a 95% confidence interval and a two-proportion z-test p-value. The verdict is “not enough data” when either group has fewer than 100 users or fewer than 5 conversions.'

export const REVENUE_METHOD =
  'Revenue sums the goal events’ revenue inside each user’s window. ARPU = revenue / users (sent for target, control group for control). Boost % = (ARPU target − ARPU control) / ARPU control. Incremental revenue = (ARPU target − ARPU control) × sent.'

export function definitionOf(key: string): StatDefinition | undefined {
  return STAT_DEFINITIONS.find((d) => d.key === key)
}
