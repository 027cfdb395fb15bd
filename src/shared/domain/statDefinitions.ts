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
      'No WhatsApp API reports who clicked. Clicks come from the provider’s own template analytics (Meta, 360dialog, Gupshup: button clicks per template and day), or from Meta’s Marketing Messages API click webhooks, which name only the business number. Where neither can say which campaign was clicked, Clicked is empty with the reason instead of a misleading zero.'
  },
  {
    key: 'clicked',
    label: 'Clicked',
    definition:
      'URL-button clicks on this campaign’s template from the provider’s own template analytics, when this campaign is the only one sending that template on those days. Without analytics, a Marketing Messages API campaign gets the click webhooks of its number when it is the only such campaign of the number in the 7 days before. Never counted per user.',
    caveat:
      'Quick-reply button taps are replies (Replied). Analytics come per day and may lag by a day; when other campaigns send the same template the same day, the provider counts them together and Clicked shows their total instead.'
  },
  {
    key: 'landingPageViews',
    label: 'Landing page views',
    definition:
      'Landing pages opened from this campaign’s links (Marketing Messages API webhooks), counted for the campaign when it is the only Marketing Messages API campaign of its number in the 7 days before.',
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
