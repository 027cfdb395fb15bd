import { afterEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/db/openDb'
import { createContactRepo } from '../../../src/main/db/repos/contactRepo'
import { COUNT_CAP } from '../../../src/main/db/repos/contactSearch'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
let db: Db | null = null
afterEach(() => {
  db?.close()
  db = null
})

const NAMES = ['Asha Patel', 'Ravi Patil', 'Priya Sharma', 'José Pátel', 'Ashok Kumar', null]

function repoWith(n: number) {
  db = openDb(tempDir())
  const repo = createContactRepo(db)
  const rows = Array.from({ length: n }, (_, i) => ({
    phone: `+91${i % 2 ? '98' : '77'}${String(i).padStart(8, '0')}`,
    name: NAMES[i % NAMES.length]!,
    properties: {}
  }))
  repo.upsertBatch(rows)
  return repo
}

/** Every page of a search, following `next`, and the totals each page reported. */
function allPages(repo: ReturnType<typeof createContactRepo>, search: string | undefined) {
  const seen: { id: number; phone: string; name: string | null }[] = []
  let after: string | undefined
  for (let pages = 0; pages < 100; pages++) {
    const page = repo.list(search, after, 7)
    seen.push(...page.rows.map(({ id, phone, name }) => ({ id, phone, name })))
    if (page.next === null) return seen
    after = page.next
  }
  throw new Error('more than 100 pages')
}

describe('contacts.list: the drill-down matching rules, paged by key', () => {
  it('names by starts of words (any order, accents and case ignored), ordered by name then id', () => {
    const repo = repoWith(60)
    expect(allPages(repo, 'pat')).toHaveLength(30) // Patel, Pátel and Patil
    const pat = allPages(repo, 'PATE')
    expect(new Set(pat.map((c) => c.name))).toEqual(new Set(['Asha Patel', 'José Pátel']))
    expect(pat).toHaveLength(20)
    const order = [...pat].sort((a, b) =>
      a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : a.id - b.id
    )
    expect(pat).toEqual(order)
    expect(allPages(repo, 'pa as').map((c) => c.name)).toEqual(Array(10).fill('Asha Patel'))
    expect(allPages(repo, 'atel')).toEqual([]) // not the start of a word
    expect(repo.list('pate', undefined, 7)).toMatchObject({ total: 20, totalAtLeast: false })
  })

  it('numbers by their start, with or without +, ordered by phone', () => {
    const repo = repoWith(60)
    const withPlus = allPages(repo, '+91 98')
    expect(withPlus).toHaveLength(30)
    expect(withPlus.every((c) => c.phone.startsWith('+9198'))).toBe(true)
    expect(withPlus.map((c) => c.phone)).toEqual(withPlus.map((c) => c.phone).sort())
    expect(allPages(repo, '9198')).toEqual(withPlus)
    expect(allPages(repo, '98')).toEqual([]) // a start, not any part
    expect(repo.list('+9198', undefined, 7).total).toBe(30)
  })

  it('everyone in id order: every contact once across the pages, the count from the last id', () => {
    const repo = repoWith(60)
    const everyone = allPages(repo, undefined)
    expect(everyone.map((c) => c.id)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    expect(repo.list(undefined, '56', 7)).toMatchObject({ total: 60, next: null })
    expect(repo.list(undefined, undefined, 7).rows).toHaveLength(7)
  })

  it(`stops counting at ${COUNT_CAP.toLocaleString('en')} matches and says so`, () => {
    const repo = repoWith(COUNT_CAP + 50)
    expect(repo.list('+91', undefined, 5)).toMatchObject({ total: COUNT_CAP, totalAtLeast: true })
    expect(repo.list('ravi', undefined, 5)).toMatchObject({
      total: Math.ceil((COUNT_CAP + 50 - 1) / NAMES.length),
      totalAtLeast: false
    })
  })

  it('refuses an after that no page gave', () => {
    const repo = repoWith(3)
    expect(() => repo.list('asha', 'nope', 5)).toThrow(/after/)
    expect(() => repo.list(undefined, 'x', 5)).toThrow(/after/)
  })
})
