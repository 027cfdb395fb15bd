import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import type { TemplateView } from '../../../../shared/ipc/routes/templates'
import { errorMessage } from '../../lib/errors'
import { useLatestAnswer } from '../../lib/useLatestAnswer'
import { useContactsStore } from '../../stores/contactsStore'
import { useTemplatesStore } from '../../stores/templatesStore'
import type { SectionProps } from './ComposeSections'
import { bindForm } from './bindForm'
import { initialMappings, withSuggestions } from './VariableMapper'
import { GuardedButton } from '../../components/GuardedButton'

const when = (ms: number | null) =>
  ms ? new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never'

/** Why a template cannot be picked, or null when it can (only APPROVED templates can send). */
export function unpickableReason(t: TemplateView): string | null {
  if (t.status === 'APPROVED') return null
  return `${t.status}${t.statusReason ? `: ${t.statusReason}` : ''}. Only an APPROVED template can be sent.`
}

const optionId = (t: TemplateView): string => `template-${t.name}-${t.language}`

/** Distinct non-empty values of one field of the list, for a filter's choices. */
const choices = (list: TemplateView[], of: (t: TemplateView) => string | null): string[] =>
  [...new Set(list.map(of).filter((v): v is string => !!v))].sort()

/**
 * The provider's synced templates, searchable and filtered by status, quality and category;
 * picking one fills the name, language and its variables (mapped to suggested contact
 * properties). A template that is not APPROVED is shown greyed with the reason and cannot be
 * picked. The list is a listbox: arrow keys move, Enter picks. Works from the last synced list
 * when the provider cannot be reached, and says so.
 */
export function TemplatePicker({ form, change, properties }: SectionProps) {
  const { providerId } = form
  const bind = bindForm(form, change)
  const { list: listOf, sync: syncOf } = useTemplatesStore()
  const holding = useContactsStore((s) => s.suggestProperties)
  const ask = useMemo(() => (providerId ? () => listOf(providerId) : null), [providerId, listOf])
  const { error, setError } = useLatestAnswer(ask)
  // The account's newest list, whoever asked (this read, a sync here or on the Providers page):
  // the store keeps it per account, so a sync for the account left meanwhile or a read that
  // answers after the sync cannot replace what belongs on screen.
  const list = useTemplatesStore((s) => (providerId ? s.lists[providerId] : undefined)) ?? null
  const [query, setQuery] = useState('')
  const [filter, setFilter] = useState({ status: '', quality: '', category: '' })
  const [active, setActive] = useState<string | null>(null)
  const [syncing, setSyncing] = useState(false)

  // A stored draft names its template: take its variables from the list once it is there.
  useEffect(() => {
    if (!list || form.advanced || form.variables.length || !form.templateName) return
    const t = list.templates.find(
      (x) => x.name === form.templateName && x.language === form.language
    )
    if (t?.variables.length) change({ variables: t.variables, parameterFormat: t.parameterFormat })
  }, [list, form.advanced, form.variables.length, form.templateName, form.language, change])

  async function sync(): Promise<void> {
    setSyncing(true)
    try {
      await syncOf(form.providerId)
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setSyncing(false)
    }
  }

  async function pick(t: TemplateView): Promise<void> {
    if (unpickableReason(t)) return
    const { mappings, ask } = initialMappings(t, form.mappings, properties)
    change({
      templateName: t.name,
      language: t.language,
      variables: t.variables,
      parameterFormat: t.parameterFormat,
      mappings
    })
    if (!ask.length) return
    try {
      const found = await holding(ask.map((v) => v.example!))
      change((f) =>
        f.templateName === t.name && f.language === t.language
          ? { mappings: withSuggestions(f.mappings, ask, found) }
          : {}
      )
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  const all = list?.templates ?? []
  const q = query.trim().toLowerCase()
  const shown = all.filter(
    (t) =>
      (!q ||
        `${t.label ?? ''} ${t.name} ${t.language} ${t.category ?? ''}`.toLowerCase().includes(q)) &&
      (!filter.status ||
        (filter.status === 'APPROVED' ? t.status === 'APPROVED' : t.status !== 'APPROVED')) &&
      (!filter.quality || t.quality === filter.quality) &&
      (!filter.category || t.category === filter.category)
  )
  const activeIndex = shown.findIndex((t) => optionId(t) === active)

  function onListKey(e: KeyboardEvent<HTMLUListElement>): void {
    const move = (to: number): void => {
      const t = shown[Math.max(0, Math.min(shown.length - 1, to))]
      if (!t) return
      setActive(optionId(t))
      document.getElementById(optionId(t))?.scrollIntoView({ block: 'nearest' })
    }
    if (e.key === 'ArrowDown') move(activeIndex + 1)
    else if (e.key === 'ArrowUp') move(activeIndex - 1)
    else if (e.key === 'Home') move(0)
    else if (e.key === 'End') move(shown.length - 1)
    else if ((e.key === 'Enter' || e.key === ' ') && shown[activeIndex])
      void pick(shown[activeIndex])
    else return
    e.preventDefault()
  }

  const select = (key: keyof typeof filter, label: string, values: string[], any: string) => (
    <select
      aria-label={label}
      value={filter[key]}
      onChange={(e) => setFilter((f) => ({ ...f, [key]: e.target.value }))}
      data-testid={`template-filter-${key}`}
    >
      <option value="">{any}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  )
  return (
    <div data-testid="template-picker">
      <div className="row">
        <input
          placeholder="Search templates"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown' || !shown.length) return
            e.preventDefault()
            document.getElementById('template-list')?.focus()
            if (activeIndex < 0) setActive(optionId(shown[0]!))
          }}
          aria-label="Search templates"
          aria-controls="template-list"
          data-testid="template-search"
          style={{ flex: 1 }}
        />
        <GuardedButton
          route="templates.sync"
          onClick={() => void sync()}
          disabled={syncing || !form.providerId}
        >
          {syncing ? 'Syncing…' : 'Sync list'}
        </GuardedButton>
        <label className="muted">
          <input {...bind.checkbox('advanced')} data-testid="template-advanced" /> Advanced: type
          the name
        </label>
      </div>
      {!form.advanced && (
        <div className="row filter-row">
          {select('status', 'Status', ['APPROVED', 'not approved'], 'any status')}
          {select(
            'quality',
            'Quality',
            choices(all, (t) => t.quality),
            'any quality'
          )}
          {select(
            'category',
            'Category',
            choices(all, (t) => t.category),
            'any category'
          )}
        </div>
      )}
      {list && (
        <div className="field-help" data-testid="template-sync-state">
          {list.error
            ? `Could not refresh the list (${list.error}). Showing the last synced list (${when(list.syncedAt)}).`
            : `Synced ${when(list.syncedAt)} · ${list.templates.length} templates · ↑ ↓ to move, Enter to pick`}
        </div>
      )}
      {error && <div className="warn">{error}</div>}
      {!form.advanced && (
        <ul
          id="template-list"
          className="template-list"
          role="listbox"
          aria-label="Templates"
          tabIndex={0}
          aria-activedescendant={activeIndex >= 0 ? active! : undefined}
          onKeyDown={onListKey}
          onFocus={() => {
            if (activeIndex < 0 && shown[0]) setActive(optionId(shown[0]))
          }}
          data-testid="template-list"
        >
          {shown.map((t) => {
            const selected = t.name === form.templateName && t.language === form.language
            const reason = unpickableReason(t)
            return (
              <li
                key={optionId(t)}
                id={optionId(t)}
                role="option"
                aria-selected={selected}
                aria-disabled={reason ? true : undefined}
                className={[
                  selected && 'selected',
                  reason && 'disabled',
                  optionId(t) === active && 'active'
                ]
                  .filter(Boolean)
                  .join(' ')}
                onClick={() => {
                  setActive(optionId(t))
                  void pick(t)
                }}
                data-testid={`template-option-${t.name}-${t.language}`}
              >
                <strong>{t.label ?? t.name}</strong> <span className="muted">{t.language}</span>
                <span className={`badge status-${t.status.toLowerCase()}`}>{t.status}</span>
                {t.quality && <span className="badge">quality {t.quality}</span>}
                {t.category && <span className="badge">{t.category}</span>}
                <div className="muted template-body">{t.components.body}</div>
                {reason && (
                  <div className="template-reason" data-testid="template-reason">
                    {reason}
                  </div>
                )}
              </li>
            )
          })}
          {list && shown.length === 0 && <li className="muted">No template matches.</li>}
        </ul>
      )}
    </div>
  )
}
