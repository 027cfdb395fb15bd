import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvLine, isoTime, toCell } from '../../../src/main/reports/csvCell'

const nasty = fc.constantFrom(
  '"',
  ',',
  '\n',
  '\r',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  '\t',
  '＝',
  ' ',
  'é',
  '😀'
)
const cell = fc.oneof(
  fc.string(),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 3 })), { maxLength: 8 }).map((p) => p.join(''))
)

describe('CSV cells', () => {
  it('writes records byte-identical to csv-stringify', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (row) => {
        expect(csvLine(row)).toBe(stringify([row]))
      }),
      { numRuns: 2000, seed: 20261127 }
    )
  })

  it('formats times exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString())
      }),
      { numRuns: 5000, seed: 20261127 }
    )
    expect(isoTime(null)).toBe('')
  })

  it('never leaves a text cell that starts a formula, and keeps numbers', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.double({ noNaN: true }), fc.integer()), (value) => {
        const out = toCell(value)
        if (typeof value === 'number') expect(out).toBe(Number.isFinite(value) ? String(value) : '')
        else expect(out).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/)
        if (typeof value === 'string') expect(out.endsWith(value)).toBe(true)
      }),
      { numRuns: 3000, seed: 20261127 }
    )
    expect(toCell('＝1+1')).toBe("'＝1+1")
  })
})
