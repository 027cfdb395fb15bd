import { describe, expect, it } from 'vitest'
import { multiRowInsert } from '../../../src/main/db/multiRowInsert'
import { openDb } from '../../../src/main/db/openDb'
import { useTempDirs } from '../../helpers/tempDir'

describe('multi-row insert of bulk loads', () => {
  const tempDir = useTempDirs()

  it('writes every row in the order added, across full statements and the flushed rest', () => {
    const db = openDb(tempDir())
    db.exec('CREATE TEMP TABLE sample (id INTEGER PRIMARY KEY, label TEXT, n INTEGER)')
    const writer = multiRowInsert(db, 'INSERT INTO sample (label, n)', 2)()
    db.transaction(() => {
      for (let i = 0; i < 123; i++) writer.add([`row ${i}`, i % 7 === 0 ? null : i])
      // Two statements of 50 are written, 23 rows wait for the flush.
      expect(db.prepare('SELECT COUNT(*) FROM sample').pluck().get()).toBe(100)
      writer.flush()
    })()
    const rows = db.prepare('SELECT id, label, n FROM sample ORDER BY id').all()
    expect(rows).toHaveLength(123)
    expect(rows[0]).toEqual({ id: 1, label: 'row 0', n: null })
    expect(rows[99]).toEqual({ id: 100, label: 'row 99', n: 99 })
    expect(rows[122]).toEqual({ id: 123, label: 'row 122', n: 122 })
    writer.flush()
    expect(db.prepare('SELECT COUNT(*) FROM sample').pluck().get()).toBe(123)
    db.close()
  })

  it('refuses a row with the wrong number of values instead of shifting every later row', () => {
    const db = openDb(tempDir())
    db.exec('CREATE TEMP TABLE sample (label TEXT, n INTEGER)')
    const writer = multiRowInsert(db, 'INSERT INTO sample (label, n)', 2)()
    expect(() => writer.add(['only a label'])).toThrow('expected 2 values, got 1')
    db.close()
  })
})
