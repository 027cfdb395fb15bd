import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
let t: TestEngine | null = null
afterEach(async () => {
  await t?.engine.close()
  t = null
})

describe('contacts.suggestProperties', () => {
  it("names the property that holds a template's example value, whatever its case, else null", async () => {
    t = await startTestEngine(tempDir())
    await t.call('contacts.import', {
      csv: [
        'phone,name,city,tier,home',
        '+919810000001,Asha,Pune,gold,Pune',
        '+919810000002,Ravi,Hyderabad,silver,Delhi',
        '+919810000003,Mira,pune,gold,'
      ].join('\n')
    })
    const { properties } = await t.call('contacts.suggestProperties', {
      examples: ['Pune', 'HYDERABAD', 'GOLD', 'Nowhere', '  ']
    })
    // "Pune" is a city twice and a home once: the property that holds it most often wins.
    expect(properties).toEqual(['city', 'city', 'tier', null, null])
  })
})
