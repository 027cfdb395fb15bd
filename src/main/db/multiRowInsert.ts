import type { Db } from './openDb'

/**
 * Rows per INSERT statement of a bulk load. One statement per row costs about twice the CPU of
 * the same rows 50 at a time (measured on 300,000 message rows: 4.0 → 2.0 s): each execution
 * sets up the statement, its statement journal and its trigger programs again.
 */
const ROWS_PER_STATEMENT = 50

export interface MultiRowWriter {
  /** Buffers one row (values in column order); a full buffer is written at once. */
  add(values: readonly unknown[]): void
  /** Writes the rows still buffered. Must run before the caller's transaction commits. */
  flush(): void
}

/**
 * Prepares `head` (`INSERT INTO t (a, b, c)`) for many rows per statement and returns a factory
 * of buffered writers, used inside one transaction of the caller. Rows are written in the order
 * they were added, so rowids come out as they would row by row.
 */
export function multiRowInsert(db: Db, head: string, columns: number): () => MultiRowWriter {
  const row = `(${Array<string>(columns).fill('?').join(', ')})`
  const many = db.prepare(
    `${head} VALUES ${Array<string>(ROWS_PER_STATEMENT).fill(row).join(', ')}`
  )
  const one = db.prepare(`${head} VALUES ${row}`)
  const full = columns * ROWS_PER_STATEMENT
  return () => {
    const buffer: unknown[] = []
    return {
      add(values) {
        if (values.length !== columns)
          throw new Error(`expected ${columns} values, got ${values.length}`)
        for (const value of values) buffer.push(value)
        if (buffer.length === full) {
          many.run(buffer)
          buffer.length = 0
        }
      },
      flush() {
        for (let at = 0; at < buffer.length; at += columns) one.run(buffer.slice(at, at + columns))
        buffer.length = 0
      }
    }
  }
}
