import type { ProviderType } from '../../../shared/ipc/routes/providers'
import type { Db } from '../openDb'

export interface ProviderRow {
  id: string
  type: ProviderType
  name: string
  public_config: string
  secret_config: Buffer | null
  callback_token: string
  rate_per_second: number
  created_at: number
  updated_at: number
}

export type ProviderRepo = ReturnType<typeof createProviderRepo>

export function createProviderRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO provider (id, type, name, public_config, secret_config, callback_token, rate_per_second, created_at, updated_at)
     VALUES (@id, @type, @name, @public_config, @secret_config, @callback_token, @rate_per_second, @created_at, @updated_at)`
  )
  const update = db.prepare(
    `UPDATE provider SET name = @name, public_config = @public_config, secret_config = @secret_config,
       rate_per_second = @rate_per_second, updated_at = @updated_at WHERE id = @id`
  )
  const byId = db.prepare<[string], ProviderRow>('SELECT * FROM provider WHERE id = ?')
  const all = db.prepare<[], ProviderRow>('SELECT * FROM provider ORDER BY created_at, id')
  const oldestOfType = db
    .prepare<[ProviderType], string>(
      'SELECT id FROM provider WHERE type = ? ORDER BY created_at LIMIT 1'
    )
    .pluck()
  return {
    insert: (row: ProviderRow): void => void insert.run(row),
    update: (row: ProviderRow): void => void update.run(row),
    get: (id: string): ProviderRow | undefined => byId.get(id),
    list: (): ProviderRow[] => all.all(),
    /** The oldest account of a type (the built-in Sandbox, if an older version made two). */
    oldestOfType: (type: ProviderType): string | undefined => oldestOfType.get(type)
  }
}
