import { normaliseCategory, type TemplateCategory } from '../../../shared/domain/templateCategory'
import type {
  TemplateComponents,
  TemplateVariable,
  TemplateView
} from '../../../shared/ipc/routes/templates'
import type { Db } from '../openDb'

/** One template as an adapter's list call returns it, already in our vocabulary. */
export interface SyncedTemplate {
  name: string
  language: string
  externalId: string | null
  label: string | null
  category: TemplateCategory | null
  /** Upper case, as the provider says it (APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …). */
  status: string
  quality: string | null
  parameterFormat: 'positional' | 'named'
  components: TemplateComponents
  variables: TemplateVariable[]
  statusReason: string | null
}

interface Row {
  id: number
  provider_id: string
  name: string
  language: string
  external_id: string | null
  label: string | null
  category: string | null
  status: string
  quality: string | null
  parameter_format: 'positional' | 'named'
  components: string
  variables: string
  status_reason: string | null
  previous_category: string | null
  category_changed_at: number | null
  synced_at: number | null
}

export interface SyncState {
  syncedAt: number | null
  attemptedAt: number | null
  error: string | null
}

export interface TemplateKey {
  providerId: string
  /** Either the provider's template id, or name + language. */
  externalId?: string | null
  name?: string | null
  language?: string | null
}

export type ChangeKind = 'status' | 'quality' | 'category'

/** A stored template whose status a sync found changed. */
export interface StatusChange {
  name: string
  language: string
  status: string
  reason: string | null
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return null
  }
}

/** Stored components, or an empty message when the row holds something else. */
function componentsOf(json: string): TemplateView['components'] {
  const value = parsed(json) as Partial<TemplateView['components']> | null
  if (!value || typeof value !== 'object' || Array.isArray(value) || typeof value.body !== 'string')
    return { header: null, body: '', footer: null, buttons: [] }
  return {
    header: value.header ?? null,
    body: value.body,
    footer: value.footer ?? null,
    buttons: Array.isArray(value.buttons) ? value.buttons : []
  }
}

export function toView(row: Row): TemplateView {
  return {
    name: row.name,
    language: row.language,
    label: row.label,
    category: normaliseCategory(row.category),
    status: row.status,
    quality: row.quality,
    parameterFormat: row.parameter_format,
    components: componentsOf(row.components),
    variables: Array.isArray(parsed(row.variables))
      ? (parsed(row.variables) as TemplateView['variables'])
      : [],
    statusReason: row.status_reason,
    categoryChangedAt: row.category_changed_at,
    previousCategory: row.previous_category,
    syncedAt: row.synced_at
  }
}

/** The `template`, `template_change` and `template_sync` tables: their only writer. */
export function createTemplateRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO template (provider_id, name, language, external_id, label, category, status, quality,
       parameter_format, components, variables, status_reason, synced_at, updated_at)
     VALUES (@provider_id, @name, @language, @external_id, @label, @category, @status, @quality,
       @parameter_format, @components, @variables, @status_reason, @now, @now)
     ON CONFLICT (provider_id, name, language) DO UPDATE SET
       external_id = excluded.external_id, label = excluded.label, category = excluded.category,
       status = excluded.status, quality = excluded.quality,
       parameter_format = excluded.parameter_format, components = excluded.components,
       variables = excluded.variables, status_reason = excluded.status_reason,
       synced_at = excluded.synced_at, updated_at = excluded.updated_at`
  )
  const byProvider = db.prepare<[string], Row>(
    'SELECT * FROM template WHERE provider_id = ? ORDER BY name, language'
  )
  const byName = db.prepare<[string, string, string], Row>(
    'SELECT * FROM template WHERE provider_id = ? AND name = ? AND language = ?'
  )
  const byNameAnyLanguage = db.prepare<[string, string], Row>(
    'SELECT * FROM template WHERE provider_id = ? AND name = ? ORDER BY language'
  )
  const byExternal = db.prepare<[string, string], Row>(
    'SELECT * FROM template WHERE provider_id = ? AND external_id = ?'
  )
  const remove = db.prepare('DELETE FROM template WHERE id = ?')
  const change = db.prepare(
    `INSERT INTO template_change (provider_id, name, language, kind, old_value, new_value, reason, at, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const syncOk = db.prepare(
    `INSERT INTO template_sync (provider_id, synced_at, attempted_at, error, count) VALUES (?, ?, ?, NULL, ?)
     ON CONFLICT (provider_id) DO UPDATE SET synced_at = excluded.synced_at,
       attempted_at = excluded.attempted_at, error = NULL, count = excluded.count`
  )
  const syncFailed = db.prepare(
    `INSERT INTO template_sync (provider_id, synced_at, attempted_at, error) VALUES (?, NULL, ?, ?)
     ON CONFLICT (provider_id) DO UPDATE SET attempted_at = excluded.attempted_at, error = excluded.error`
  )
  const syncState = db.prepare<
    [string],
    { synced_at: number | null; attempted_at: number; error: string | null }
  >('SELECT synced_at, attempted_at, error FROM template_sync WHERE provider_id = ?')
  const setStatus = db.prepare(
    'UPDATE template SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?'
  )
  const setQuality = db.prepare('UPDATE template SET quality = ?, updated_at = ? WHERE id = ?')
  const setCategory = db.prepare(
    `UPDATE template SET category = ?, previous_category = ?, category_changed_at = ?, updated_at = ?
     WHERE id = ?`
  )

  function record(
    row: Row,
    kind: ChangeKind,
    from: string | null,
    to: string | null,
    reason: string | null,
    at: number,
    source: 'webhook' | 'sync'
  ) {
    change.run(row.provider_id, row.name, row.language, kind, from, to, reason, at, source)
  }

  function find(key: TemplateKey): Row | undefined {
    if (key.externalId) {
      const row = byExternal.get(key.providerId, key.externalId)
      if (row) return row
    }
    if (!key.name) return undefined
    if (key.language) return byName.get(key.providerId, key.name, key.language)
    const rows = byNameAnyLanguage.all(key.providerId, key.name)
    return rows.length === 1 ? rows[0] : undefined
  }

  const replaceAll = db.transaction(
    (providerId: string, templates: SyncedTemplate[], now: number): StatusChange[] => {
      const statusChanges: StatusChange[] = []
      const before = new Map(
        byProvider.all(providerId).map((r) => [`${r.name}\u0000${r.language}`, r])
      )
      for (const t of templates) {
        const old = before.get(`${t.name}\u0000${t.language}`)
        before.delete(`${t.name}\u0000${t.language}`)
        if (old) {
          if (old.status !== t.status) {
            record(old, 'status', old.status, t.status, t.statusReason, now, 'sync')
            statusChanges.push({
              name: t.name,
              language: t.language,
              status: t.status,
              reason: t.statusReason
            })
          }
          if ((old.quality ?? null) !== t.quality)
            record(old, 'quality', old.quality, t.quality, null, now, 'sync')
          if ((old.category ?? null) !== t.category)
            record(old, 'category', old.category, t.category, null, now, 'sync')
        }
        upsert.run({
          provider_id: providerId,
          name: t.name,
          language: t.language,
          external_id: t.externalId,
          label: t.label,
          category: t.category,
          status: t.status,
          quality: t.quality,
          parameter_format: t.parameterFormat,
          components: JSON.stringify(t.components),
          variables: JSON.stringify(t.variables),
          status_reason: t.statusReason,
          now
        })
        if (old && (old.category ?? null) !== t.category && old.category !== null)
          setCategory.run(
            t.category,
            old.category,
            now,
            now,
            byName.get(providerId, t.name, t.language)!.id
          )
      }
      for (const gone of before.values()) remove.run(gone.id)
      syncOk.run(providerId, now, now, templates.length)
      return statusChanges
    }
  )

  return {
    /**
     * Stores one account's full list: changed facts are recorded, vanished templates removed.
     * Returns the status changes of templates already stored (a sync finding one paused).
     */
    replaceAll(providerId: string, templates: SyncedTemplate[], now: number): StatusChange[] {
      return replaceAll(providerId, templates, now)
    },
    syncFailed: (providerId: string, error: string, now: number): void =>
      void syncFailed.run(providerId, now, error),
    syncState(providerId: string): SyncState {
      const row = syncState.get(providerId)
      return {
        syncedAt: row?.synced_at ?? null,
        attemptedAt: row?.attempted_at ?? null,
        error: row?.error ?? null
      }
    },
    list: (providerId: string): TemplateView[] => byProvider.all(providerId).map(toView),
    get(providerId: string, name: string, language: string): TemplateView | null {
      const row = byName.get(providerId, name, language)
      return row ? toView(row) : null
    },
    find(key: TemplateKey): (TemplateView & { providerId: string }) | null {
      const row = find(key)
      return row ? { ...toView(row), providerId: row.provider_id } : null
    },
    /** A webhook's status change; returns the template, or null when it is not stored. */
    applyStatus(key: TemplateKey, status: string, reason: string | null, at: number) {
      const row = find(key)
      if (!row) return null
      if (row.status !== status) record(row, 'status', row.status, status, reason, at, 'webhook')
      setStatus.run(status, reason, at, row.id)
      return { ...toView({ ...row, status, status_reason: reason }), providerId: row.provider_id }
    },
    applyQuality(key: TemplateKey, quality: string, at: number) {
      const row = find(key)
      if (!row) return null
      if (row.quality !== quality) record(row, 'quality', row.quality, quality, null, at, 'webhook')
      setQuality.run(quality, at, row.id)
      return toView({ ...row, quality })
    },
    applyCategory(key: TemplateKey, from: string | null, to: string, at: number) {
      const row = find(key)
      const next = normaliseCategory(to) ?? to.toLowerCase()
      if (!row) return null
      record(row, 'category', row.category ?? from, next, null, at, 'webhook')
      setCategory.run(next, row.category ?? normaliseCategory(from), at, at, row.id)
      return toView({ ...row, category: next })
    },
    changes(providerId: string, name: string, language: string) {
      return db
        .prepare<
          [string, string, string],
          {
            kind: ChangeKind
            old_value: string | null
            new_value: string | null
            reason: string | null
            at: number
            source: string
          }
        >(
          `SELECT kind, old_value, new_value, reason, at, source FROM template_change
           WHERE provider_id = ? AND name = ? AND language = ? ORDER BY at, id`
        )
        .all(providerId, name, language)
    }
  }
}
export type TemplateRepo = ReturnType<typeof createTemplateRepo>

/**
 * THE category lookup: the category of a stored template of one provider account, or null when
 * the template is not synced or its category is unknown. Launch copies it to
 * `campaign.template_category`; pricing reads that column.
 */
export function templateCategoryOf(
  db: Db,
  providerId: string,
  name: string,
  language: string
): TemplateCategory | null {
  const row = db
    .prepare<[string, string, string], { category: string | null }>(
      'SELECT category FROM template WHERE provider_id = ? AND name = ? AND language = ?'
    )
    .get(providerId, name, language)
  return normaliseCategory(row?.category ?? null)
}

/** The category a campaign was launched with (`campaign.template_category`), or null. */
export function campaignTemplateCategory(db: Db, campaignId: string): TemplateCategory | null {
  const row = db
    .prepare<[string], { template_category: string | null }>(
      'SELECT template_category FROM campaign WHERE id = ?'
    )
    .get(campaignId)
  return normaliseCategory(row?.template_category ?? null)
}
