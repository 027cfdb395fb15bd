import type { Db } from '../../../src/main/db/openDb'
import type { Output } from '../../../src/shared/ipc/contract'
import type { FakeStatus } from '../../fakes/callbacks'
import type { InfobipFake } from '../../fakes/infobip'
import type { TwilioFake } from '../../fakes/twilio'
import { useClosers } from '../../helpers/closers'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { useTempDirs } from '../../helpers/tempDir'
import { drained } from '../callbacks/meta'
import { createAccount, sendThrough } from './accounts'

export interface FiftySent<F extends TwilioFake | InfobipFake = TwilioFake | InfobipFake> {
  fake: F
  t: TestEngine
  provider: Output<'providers.create'>
  campaignId: string
  /** The provider's ids of the fifty, in send order. */
  ids: string[]
  /** The local URL the account's callbacks reach. */
  hookUrl: string
  sentAt: number
  db: Db
}

/**
 * The lookup tests' set-up (Twilio's Message resource, Infobip's message logs): a fresh engine,
 * the provider's fake with an account on it, and fifty messages sent through it an hour ago.
 * Call it inside `describe`/module scope; what it starts is closed after each test.
 */
export function useFiftySent<F extends TwilioFake | InfobipFake>(
  type: 'twilio' | 'infobip',
  startFake: () => Promise<F>
): () => Promise<FiftySent<F>> {
  const tempDir = useTempDirs()
  const closeAfter = useClosers()
  return async () => {
    const fake = await startFake()
    closeAfter(() => fake.close())
    const t = await startTestEngine(tempDir())
    closeAfter(() => t.engine.close())
    const { provider, hookUrl } = await createAccount(t, type, fake)
    const db = t.engine.db
    const sentAt = Date.now() - 3600_000
    const { campaignId, ids } = await sendThrough(t, type, {
      providerId: provider.id,
      count: 50,
      sentAt,
      callbackUrl: hookUrl
    })
    return { fake, t, provider, campaignId, ids, hookUrl, sentAt, db }
  }
}

/**
 * 30 of the 50 reports arrive (status `arrived`); the other 20 never do, while the provider's own
 * record holds what `lost(i)` says for the i-th of them. Returns the HTTP statuses the engine
 * answered the 30 with, once the callback processor has drained them.
 */
export async function withholdTwenty(
  { fake, ids, hookUrl, sentAt, db }: FiftySent,
  arrived: string,
  lost: (i: number) => Pick<FakeStatus, 'status' | 'error'>
): Promise<number[]> {
  const at = (i: number) => sentAt + 5000 + i
  const answered = await fake.emit(
    ids.slice(0, 30).map((id, i) => ({ kind: 'status' as const, id, status: arrived, at: at(i) })),
    { url: hookUrl }
  )
  fake.lose(
    ids.slice(30).map((id, i) => ({ kind: 'status' as const, id, at: at(30 + i), ...lost(i) }))
  )
  await drained(db)
  return answered
}

/** How many of the campaign's status log rows came from callbacks and from lookups. */
export const statusSources = (db: Db, campaignId: string) =>
  db
    .prepare(
      `SELECT l.source, COUNT(*) AS n FROM message_status_log l JOIN message m ON m.id = l.message_id
       WHERE m.campaign_id = ? GROUP BY l.source ORDER BY l.source`
    )
    .all(campaignId)
