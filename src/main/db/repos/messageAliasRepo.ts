import type { Db } from '../openDb'

/**
 * The only writer of `message_alias`: another id a provider announced for one of its messages
 * (Gupshup's WhatsApp id), so later reports and replies carrying it find the message.
 */
export function createMessageAliasRepo(db: Db) {
  const add = db.prepare(
    `INSERT INTO message_alias (provider_id, alias, provider_message_id) VALUES (?, ?, ?)
     ON CONFLICT (provider_id, alias) DO NOTHING`
  )
  return {
    add: (providerId: string, alias: string, providerMessageId: string): void =>
      void add.run(providerId, alias, providerMessageId)
  }
}
export type MessageAliasRepo = ReturnType<typeof createMessageAliasRepo>
