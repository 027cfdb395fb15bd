import { describe, expect, it } from 'vitest'
import { startTestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

describe('contacts.import', () => {
  const tempDir = useTempDirs()

  it('handles quoting, embedded newlines, BOM, CRLF, national numbers and bad rows', async () => {
    const { engine, call } = await startTestEngine(tempDir())
    const csv =
      '\uFEFFphone,name,city,notes\r\n' +
      '+919812345678,"Sharma, Asha",Pune,"likes ""tea"""\r\n' +
      '09812345679,Ravi,Mumbai,"line one\nline two"\r\n' +
      'not-a-phone,Bad,Pune,x\r\n' +
      '+91 98123 45680,Meena,Delhi\r\n' +
      ',Empty,Pune,x\r\n' +
      '+919812345678,Asha S,Pune,again\r\n'
    const result = await call('contacts.import', { csv, defaultCountry: 'IN' })
    expect(result.imported).toBe(2)
    expect(result.updated).toBe(1)
    expect(result.rejected).toEqual([
      { line: 5, reason: 'phone "not-a-phone" is not a number' },
      { line: 6, reason: 'expected 4 cells as in the header, found 3' },
      { line: 7, reason: 'phone is empty' }
    ])
    const list = await call('contacts.list', { search: 'Ravi' })
    expect(list.rows[0]).toMatchObject({
      phone: '+919812345679',
      properties: { city: 'Mumbai', notes: 'line one\nline two' }
    })
    const asha = await call('contacts.list', { search: '+919812345678' })
    expect(asha.rows[0]).toMatchObject({ name: 'Asha S', properties: { notes: 'again' } })
    await engine.close()
  })

  it('imports 100,000 rows with broken lines mixed in, keeping every good row', async () => {
    const { engine, call } = await startTestEngine(tempDir())
    const lines = ['phone,name,tier']
    for (let i = 0; i < 100_000; i++) lines.push(`+1212${2_000_000 + i},Person ${i},gold`)
    // Broken lines in the middle: an invalid phone, a short row, a phone of the wrong length.
    lines.splice(11, 0, 'garbage,Nobody,gold')
    lines.splice(201, 0, 'onlyonecell')
    lines.splice(50_001, 0, '+1212555,Short,gold')
    lines.push('+12122000000,Person 0 again,silver')
    const csv = lines.join('\n')
    const result = await call('contacts.import', { csv })
    expect(result.imported).toBe(100_000)
    expect(result.updated).toBe(1)
    expect(result.rejected.map((r) => r.line)).toEqual([12, 202, 50_002])
    const again = await call('contacts.import', { csv: 'phone,name\n+12122000001,Renamed\n' })
    expect(again).toEqual({ imported: 0, updated: 1, rejected: [] })
    expect((await call('contacts.list', {})).total).toBe(100_000)
    await engine.close()
  })

  it('reports a missing phone column and an unclosed quote with line numbers', async () => {
    const { engine, call } = await startTestEngine(tempDir())
    expect((await call('contacts.import', { csv: 'name,city\nA,B\n' })).rejected[0]).toEqual({
      line: 1,
      reason: 'header has no "phone" column (found: name, city)'
    })
    const broken = await call('contacts.import', {
      csv: 'phone,name\n+12125550100,Ok\n"+12125550101,Broken\n'
    })
    expect(broken.imported).toBe(1)
    expect(broken.rejected[0]!.line).toBe(3)
    expect(broken.rejected[0]!.reason).toMatch(/CSV syntax error/)
    await engine.close()
  })
})

describe('events.import', () => {
  const tempDir = useTempDirs()

  it('takes good rows and reports unknown phones, bad times and bad revenue', async () => {
    const { engine, call } = await startTestEngine(tempDir())
    await call('contacts.import', { csv: 'phone,name\n+919812345678,Asha\n' })
    const csv = [
      'phone,event,time,revenue,sku',
      '+919812345678,purchase,2026-11-20T10:00:00Z,499.5,SKU1',
      '+919812345678,purchase,1795000000,,SKU2',
      '+919999999999,purchase,2026-11-20T10:00:00Z,10,SKU3',
      '+919812345678,purchase,yesterday,10,SKU4',
      '+919812345678,purchase,2026-11-20T10:00:00Z,ten,SKU5',
      '+919812345678,,2026-11-20T10:00:00Z,1,SKU6'
    ].join('\n')
    const result = await call('events.import', { csv })
    expect(result.imported).toBe(2)
    expect(result.rejected).toEqual([
      { line: 4, reason: 'no contact has the phone +919999999999; import the contact first' },
      { line: 5, reason: expect.stringContaining('not ISO-8601') },
      { line: 6, reason: 'revenue "ten" is not a number' },
      { line: 7, reason: 'event name is empty' }
    ])
    expect((await call('events.summary', {})).events).toEqual([
      { event: 'purchase', count: 2, revenue: 499.5 }
    ])
    await engine.close()
  })
})

describe('CSV syntax errors', () => {
  const tempDir = useTempDirs()

  it('names the line where an unclosed quote starts, also in CRLF files', async () => {
    const { engine, call } = await startTestEngine(tempDir())
    const csv = 'phone,name\r\n+12125550100,Ok\r\n"+12125550101,Broken\r\n+12125550102,Lost\r\n'
    const result = await call('contacts.import', { csv })
    expect(result.imported).toBe(1)
    expect(result.rejected).toEqual([
      {
        line: 3,
        reason:
          'CSV syntax error, the rest of the file was not read: a quoted cell that starts on this line is never closed'
      }
    ])
    await engine.close()
  })
})

describe('streamCsv', () => {
  it('fails the import, not the process, when a batch handler throws', async () => {
    const { streamCsv } = await import('../../../src/main/contacts/csvRows')
    const csv = [
      'phone,name',
      ...Array.from({ length: 5000 }, (_, i) => `+1212${2_000_000 + i},P`)
    ].join('\n')
    let batches = 0
    await expect(
      streamCsv(csv, {
        header: () => undefined,
        batch: () => {
          batches++
          throw new Error('database or disk is full')
        },
        problem: () => undefined
      })
    ).rejects.toThrow('database or disk is full')
    expect(batches).toBe(1)
  })
})
