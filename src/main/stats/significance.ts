/** Conversion and revenue performance of target vs control (spec §6), as pure functions. */

export interface GroupCounts {
  users: number
  converted: number
}

export type Verdict = 'positive' | 'negative' | 'inconclusive' | 'not_enough_data'

/** Documented rule: fewer than this many users, or conversions, in either group → not enough data. */
export const MIN_USERS = 100
export const MIN_CONVERSIONS = 5
const Z95 = 1.959963984540054

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0)

/**
 * Complementary error function (Numerical Recipes `erfcc`, Chebyshev fit): fractional error
 * below 1.2e-7 everywhere, plenty for a p-value shown with a few digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    )
  return x >= 0 ? r : 2 - r
}

/**
 * Lift = target rate − control rate, with a 95% Wald interval on the difference of proportions
 * (unpooled standard error) and the two-sided p-value of the pooled two-proportion z-test.
 */
export function conversionPerformance(target: GroupCounts, control: GroupCounts) {
  const pt = ratio(target.converted, target.users)
  const pc = ratio(control.converted, control.users)
  const lift = pt - pc
  let ci95: [number, number] = [lift, lift]
  let pValue = 1
  if (target.users > 0 && control.users > 0) {
    const se = Math.sqrt((pt * (1 - pt)) / target.users + (pc * (1 - pc)) / control.users)
    ci95 = [lift - Z95 * se, lift + Z95 * se]
    const pooled = (target.converted + control.converted) / (target.users + control.users)
    const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / target.users + 1 / control.users))
    if (sePooled > 0) pValue = Math.min(1, erfc(Math.abs(lift / sePooled) / Math.SQRT2))
  }
  const tooSmall =
    target.users < MIN_USERS ||
    control.users < MIN_USERS ||
    target.converted < MIN_CONVERSIONS ||
    control.converted < MIN_CONVERSIONS
  const verdict: Verdict = tooSmall
    ? 'not_enough_data'
    : ci95[0] > 0
      ? 'positive'
      : ci95[1] < 0
        ? 'negative'
        : 'inconclusive'
  return {
    target: { users: target.users, converted: target.converted, rate: pt },
    control: { users: control.users, converted: control.converted, rate: pc },
    lift,
    ci95,
    pValue,
    verdict
  }
}

/** ARPU per group, boost % (null when ARPU control is 0) and incremental revenue. */
export function revenuePerformance(
  targetRevenue: number,
  sent: number,
  controlRevenue: number,
  controlUsers: number
) {
  const arpuTarget = ratio(targetRevenue, sent)
  const arpuControl = ratio(controlRevenue, controlUsers)
  return {
    target: targetRevenue,
    control: controlRevenue,
    arpuTarget,
    arpuControl,
    boostPercent: arpuControl === 0 ? null : ((arpuTarget - arpuControl) / arpuControl) * 100,
    incremental: (arpuTarget - arpuControl) * sent
  }
}
