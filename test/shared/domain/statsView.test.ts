import { describe, expect, it } from 'vitest'
import { definitionOf } from '../../../src/shared/domain/statDefinitions'
import { statsSummary } from '../../../src/shared/ipc/routes/stats'
import {
  CARD_SPECS,
  bucketLabel,
  formatPValue,
  funnelSteps,
  liftDomain,
  share,
  stepLabel
} from '../../../src/shared/domain/statsView'

describe('stats page view logic', () => {
  it('has a card with a definition for every count of stats.summary', () => {
    const counts = Object.keys(statsSummary.shape).filter(
      (k) =>
        ![
          'goal',
          'conversion',
          'revenue',
          'replies',
          'clicked',
          'clickedReason',
          'clickedShared',
          'landingPageViews'
        ].includes(k)
    )
    // Clicked and landing page views exist only for some campaigns: their own card says why.
    for (const key of ['clicked', 'landingPageViews', 'clicks'])
      expect(definitionOf(key)?.definition).toBeTruthy()
    expect(CARD_SPECS.map((c) => c.key).sort()).toEqual(counts.sort())
    for (const spec of CARD_SPECS) expect(definitionOf(spec.key)?.definition).toBeTruthy()
    // Delivered and Awaiting report point at callback health; Viewed explains read receipts.
    const linked = CARD_SPECS.filter((c) => c.linksToCallbackHealth).map((c) => c.key)
    expect(linked.sort()).toEqual(['awaitingReport', 'delivered'])
    expect(definitionOf('viewed')?.caveat).toMatch(/read receipts/)
  })

  it('shows no share when the whole is zero', () => {
    expect(share(5, 0)).toBeNull()
    expect(share(1, 4)).toBe(0.25)
  })

  it('asks for Sent → Converted when Delivered and Viewed are off', () => {
    expect(funnelSteps({ delivered: true, viewed: true })).toEqual([
      'sent',
      'delivered',
      'viewed',
      'converted'
    ])
    expect(funnelSteps({ delivered: false, viewed: true })).toEqual(['sent', 'viewed', 'converted'])
    expect(funnelSteps({ delivered: false, viewed: false })).toEqual(['sent', 'converted'])
    expect(stepLabel('delivered')).toBe('Delivered')
  })

  it('labels buckets by their calendar date whatever the browser zone', () => {
    const day = bucketLabel('2026-11-27', 'day')
    expect(day).toMatch(/27/)
    expect(bucketLabel('2026-11-23T00:00:00+05:30', 'week')).toMatch(/^Week of .*23/)
    expect(bucketLabel('2026-11-01', 'month')).toMatch(/2026/)
    expect(bucketLabel('not a date', 'day')).toBe('not a date')
  })

  it('formats tiny p-values as a bound and centres the lift scale on zero', () => {
    expect(formatPValue(0.0000001)).toBe('p < 0.001')
    expect(formatPValue(0.5)).toMatch(/^p = 0.5$/)
    expect(liftDomain(0.01, [-0.02, 0.04])).toBeCloseTo(0.046)
    expect(liftDomain(0, [0, 0])).toBeGreaterThan(0)
  })
})
