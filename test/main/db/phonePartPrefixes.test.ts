import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LONGEST_NUMBER, phonePartPrefixes } from '../../../src/main/db/repos/phonePartPrefixes'

/** The skip scan's seek over a sorted list: the smallest number ≥ `from` (binary order). */
function sortedSeek(numbers: string[]) {
  const sorted = [...new Set(numbers)].sort()
  let seeks = 0
  const firstFrom = (from: string): string | undefined => {
    seeks++
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid]! < from) lo = mid + 1
      else hi = mid
    }
    return sorted[lo]
  }
  return { firstFrom, seeks: () => seeks }
}

// E.164 numbers: '+', a non-zero digit, then up to 14 more; short and long ones mixed.
const number = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9]{0,14}$/))
  .map(([first, rest]) => `+${first}${rest}`)
// Search digits made of few distinct digits, so they often occur (and overlap) in the numbers.
const digits = fc.stringMatching(/^[0-3]{1,6}$/)

describe('where "any part of a number" can be (phonePartPrefixes)', () => {
  it('finds exactly the numbers that contain the digits, as a scan of every number would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            number,
            number.map((n) => n.replace(/[4-9]/g, '1'))
          ),
          {
            maxLength: 60
          }
        ),
        digits,
        (numbers, wanted) => {
          const { firstFrom } = sortedSeek(numbers)
          const prefixes = phonePartPrefixes(wanted, firstFrom, 100_000)!
          const found = numbers.filter((n) => prefixes.some((p) => n.startsWith(p)))
          expect(found).toEqual(numbers.filter((n) => n.includes(wanted)))
          // Each prefix ends with the digits and is the start of a number that has them there.
          for (const p of prefixes) {
            expect(p.endsWith(wanted)).toBe(true)
            expect(numbers.some((n) => n.startsWith(p))).toBe(true)
          }
        }
      ),
      { numRuns: 400 }
    )
  })

  it('finds the digits at the end of the longest number, at its start, and twice in one', () => {
    const numbers = ['+123456789012345', '+345', '+9345345', '+12', '+3450000000000']
    const { firstFrom } = sortedSeek(numbers)
    const prefixes = phonePartPrefixes('345', firstFrom, 1_000)!
    expect(numbers.filter((n) => prefixes.some((p) => n.startsWith(p)))).toEqual([
      '+123456789012345',
      '+345',
      '+9345345',
      '+3450000000000'
    ])
    expect(prefixes).toContain('+123456789012345')
  })

  it('seeks once or twice per distinct start, not once per number', () => {
    // 100,000 numbers of one country and length: +9172 then eight digits.
    const numbers = Array.from(
      { length: 100_000 },
      (_, i) => `+9172${String(i * 97).padStart(8, '0')}`
    )
    const { firstFrom, seeks } = sortedSeek(numbers)
    const prefixes = phonePartPrefixes('9172005', firstFrom, 100_000)!
    expect(numbers.filter((n) => prefixes.some((p) => n.startsWith(p)))).toEqual(
      numbers.filter((n) => n.includes('9172005'))
    )
    expect(seeks()).toBeLessThan(3_000)
  })

  it('gives up (null) past its budget of seeks, and finds nothing in no numbers', () => {
    const numbers = Array.from({ length: 5_000 }, (_, i) => `+${1_000_000_000 + i * 7919}`)
    expect(phonePartPrefixes('12', sortedSeek(numbers).firstFrom, 50)).toBeNull()
    expect(phonePartPrefixes('12', sortedSeek([]).firstFrom, 50)).toEqual([])
    expect(LONGEST_NUMBER).toBe('+'.length + 15)
  })
})
