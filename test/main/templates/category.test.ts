import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/db/openDb'
import { normaliseCategory } from '../../../src/main/templates/category'
import {
  campaignTemplateCategory,
  templateCategoryOf
} from '../../../src/main/db/repos/templateRepo'
import { useTempDirs } from '../../helpers/tempDir'

describe('template category', () => {
  const tempDir = useTempDirs()

  it('maps provider labels to the pricing categories and leaves the rest unknown', () => {
    expect(normaliseCategory('MARKETING')).toBe('marketing')
    expect(normaliseCategory('Utility')).toBe('utility')
    expect(normaliseCategory('TRANSACTIONAL')).toBe('utility')
    expect(normaliseCategory('AUTHENTICATION')).toBe('authentication')
    expect(normaliseCategory('OTP')).toBe('authentication')
    expect(normaliseCategory('SERVICE')).toBeNull()
    expect(normaliseCategory(null)).toBeNull()
    expect(normaliseCategory(3)).toBeNull()
  })

  it('reads a stored template and a campaign column added by migration 0080', () => {
    const db = openDb(tempDir())
    const now = Date.now()
    db.prepare(
      `INSERT INTO provider (id, type, name, callback_token, rate_per_second, created_at, updated_at)
       VALUES ('p1', 'sandbox', 'S', 'tok', 10, ?, ?)`
    ).run(now, now)
    db.prepare(
      `INSERT INTO template (provider_id, name, language, category, status, components, variables, updated_at)
       VALUES ('p1', 'spring_sale', 'en_US', 'MARKETING', 'APPROVED', '{}', '[]', ?)`
    ).run(now)
    expect(templateCategoryOf(db, 'p1', 'spring_sale', 'en_US')).toBe('marketing')
    expect(templateCategoryOf(db, 'p1', 'spring_sale', 'de')).toBeNull()
    expect(templateCategoryOf(db, 'p2', 'spring_sale', 'en_US')).toBeNull()

    db.prepare(
      `INSERT INTO campaign (id, name, provider_id, draft, created_at, updated_at)
       VALUES ('c1', 'C', 'p1', '{}', ?, ?)`
    ).run(now, now)
    expect(campaignTemplateCategory(db, 'c1')).toBeNull()
    db.prepare(`UPDATE campaign SET template_category = 'utility' WHERE id = 'c1'`).run()
    expect(campaignTemplateCategory(db, 'c1')).toBe('utility')
    expect(campaignTemplateCategory(db, 'nope')).toBeNull()
    db.close()
  })
})
