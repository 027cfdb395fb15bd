import type { Db } from '../../src/main/db/openDb'

/** `n` contacts (+91987…, named N) written in one statement: bulk for data file tests. */
export function fillContacts(db: Db, n: number): void {
  db.prepare(
    `INSERT INTO contact (phone, name, properties, created_at, updated_at)
     WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < ?)
     SELECT '+91987' || printf('%07d', v), 'N', '{}', 0, 0 FROM n`
  ).run(n)
}
