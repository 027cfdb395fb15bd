import { describe, expect, it } from 'vitest'
import { CallbackProcessor } from '../../../src/main/callbacks/processor'
import { openDb } from '../../../src/main/db/openDb'
import { createMessageRepo } from '../../../src/main/db/repos/messageRepo'
import { createSettingRepo } from '../../../src/main/db/repos/settingRepo'
import { createCallbackCore } from '../../../src/main/engine/callbackCore'
import { createCallbackRepos } from '../../../src/main/db/repos/callbackRepos'
import { transactionsOf } from '../../../src/main/db/transactions'
import { createKeywordStore } from '../../../src/main/optOuts/keywords'
import { createTemplateRepo } from '../../../src/main/db/repos/templateRepo'
import type { StatusEvent } from '../../../src/main/providers/types'
import { seedCampaign } from '../../helpers/seedCampaign'
import { useTempDirs } from '../../helpers/tempDir'

const tempDir = useTempDirs()
const SENT_AT = Date.UTC(2026, 10, 1, 8)
const COUNT = 400

describe('callback processor when the database is full', () => {
  it('keeps the inbox rows pending (never marks them failed) and applies them once space returns', () => {
    const db = openDb(tempDir())
    db.prepare(
      `INSERT INTO provider (id, type, name, callback_token, rate_per_second, created_at, updated_at)
       VALUES ('p1', 'meta', 'Meta', 'token', 80, ?, ?)`
    ).run(SENT_AT, SENT_AT)
    const { messages } = seedCampaign(db, { providerId: 'p1', count: COUNT, sentAt: SENT_AT })
    const inbox = db.prepare(
      `INSERT INTO callback_inbox (provider_id, received_at, raw_body, events) VALUES ('p1', ?, x'7b7d', ?)`
    )
    for (const m of messages) {
      const event: StatusEvent = {
        kind: 'status',
        providerMessageId: m.providerMessageId,
        ourId: m.ourId,
        status: 'delivered',
        at: m.sentAt + 5000,
        recipient: m.phone
      }
      inbox.run(Date.now(), JSON.stringify([event]))
      inbox.run(Date.now(), 'gap')
    }
    // Room inside the inbox pages (marking a row done fits), none for anything new.
    db.prepare("DELETE FROM callback_inbox WHERE events = 'gap'").run()
    const logged: string[] = []
    const core = createCallbackCore(createCallbackRepos(db), transactionsOf(db), {
      messages: createMessageRepo(db),
      isOptOutKeyword: createKeywordStore(createSettingRepo(db)).matches,
      templates: createTemplateRepo(db)
    })
    const processor = new CallbackProcessor(core, {
      log: (message) => logged.push(message),
      now: () => Date.now()
    })

    // No page left: every write that needs a new page fails with SQLITE_FULL.
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    expect(() => processor.drain()).toThrow(/full/i)
    const marked = db
      .prepare('SELECT COUNT(*) FROM callback_inbox WHERE error IS NOT NULL')
      .pluck()
      .get()
    expect(marked, 'no callback recorded as failed because the disk was full').toBe(0)
    const pending = db
      .prepare('SELECT COUNT(*) FROM callback_inbox WHERE processed_at IS NULL')
      .pluck()
      .get() as number
    expect(pending).toBeGreaterThan(0)

    db.pragma('max_page_count = 1073741823')
    processor.drain()
    expect(
      db.prepare("SELECT COUNT(*) FROM message WHERE status = 'delivered'").pluck().get()
    ).toBe(COUNT)
    expect(
      db
        .prepare(
          'SELECT COUNT(*) FROM callback_inbox WHERE processed_at IS NULL OR error IS NOT NULL'
        )
        .pluck()
        .get()
    ).toBe(0)
    db.close()
  })
})
