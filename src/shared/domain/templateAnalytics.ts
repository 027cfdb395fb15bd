/** One template's numbers on one day, as the provider's own analytics report them. */
export interface TemplateDay {
  /** The provider's own template id. */
  templateId: string
  /** YYYY-MM-DD of the bucket in the provider's time zone (Meta UTC, Gupshup IST). */
  day: string
  startsAt: number
  endsAt: number
  sent: number | null
  delivered: number | null
  read: number | null
  /** All button clicks of the day (URL and quick-reply buttons); null when not reported. */
  clicked: number | null
  /** The URL-button share of them: the clicks that open a link. */
  urlClicked: number | null
  clicks: { type: string; buttonContent: string | null; count: number }[]
}
