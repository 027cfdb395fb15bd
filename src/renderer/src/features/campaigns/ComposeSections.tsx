import type { Output } from '../../../../shared/ipc/contract'
import { formatNumber } from '../../lib/format'
import type { DraftForm, FilterOp } from './draftForm'
import { ErrorPanel } from '../../components/ErrorPanel'

/** A change to the form: a patch, or one computed from the form as it is then (async answers). */
export type Change = (patch: Partial<DraftForm> | ((form: DraftForm) => Partial<DraftForm>)) => void

/** What every editing section of the compose form takes: the form, its setter, contact properties. */
export interface SectionProps {
  form: DraftForm
  change: Change
  properties: string[]
}
type Preview = Output<'campaigns.preview'>

/** Template parameters: fixed text with `{{property}}` placeholders, one input per `{{n}}`. */
export function ParamsEditor({ form, change, properties }: SectionProps) {
  const set = (i: number, value: string) =>
    change({ params: form.params.map((p, j) => (j === i ? value : p)) })
  return (
    <div data-testid="compose-params">
      {form.params.map((p, i) => (
        <div className="row" key={i} style={{ marginBottom: 6 }}>
          <span className="muted" style={{ width: 48 }}>{`{{${i + 1}}}`}</span>
          <input
            value={p}
            onChange={(e) => set(i, e.target.value)}
            data-testid={`compose-param-${i}`}
            style={{ flex: 1 }}
          />
          <button
            onClick={() => change({ params: form.params.filter((_, j) => j !== i) })}
            aria-label={`Remove parameter ${i + 1}`}
          >
            ✕
          </button>
        </div>
      ))}
      <div className="row">
        <button
          onClick={() => change({ params: [...form.params, ''] })}
          disabled={form.params.length >= 20}
        >
          Add parameter
        </button>
        <span className="field-help">
          Placeholders: {['name', 'phone', ...properties].map((p) => `{{${p}}}`).join(' ')}
        </span>
      </div>
    </div>
  )
}

const OPS: { op: FilterOp; label: string }[] = [
  { op: 'eq', label: 'is' },
  { op: 'neq', label: 'is not' },
  { op: 'contains', label: 'contains' },
  { op: 'exists', label: 'is set' }
]

export function AudienceEditor({ form, change, properties }: SectionProps) {
  const setFilter = (i: number, patch: Partial<DraftForm['filters'][number]>) =>
    change({ filters: form.filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) })
  return (
    <div data-testid="compose-audience">
      <div className="row">
        <label>
          <input
            type="radio"
            checked={form.audienceMode === 'all'}
            onChange={() => change({ audienceMode: 'all' })}
          />{' '}
          All contacts
        </label>
        <label>
          <input
            type="radio"
            checked={form.audienceMode === 'filter'}
            onChange={() => change({ audienceMode: 'filter' })}
            data-testid="compose-audience-filter"
          />{' '}
          Contacts matching every filter
        </label>
      </div>
      {form.audienceMode === 'filter' &&
        form.filters.map((f, i) => (
          <div className="row filter-row" key={i} data-testid="audience-filter-row">
            <select
              value={f.property}
              onChange={(e) => setFilter(i, { property: e.target.value })}
              aria-label="Property"
            >
              <option value="">property…</option>
              {['name', ...properties].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
            <select
              value={f.op}
              onChange={(e) => setFilter(i, { op: e.target.value as FilterOp })}
              aria-label="Condition"
            >
              {OPS.map((o) => (
                <option key={o.op} value={o.op}>
                  {o.label}
                </option>
              ))}
            </select>
            {f.op !== 'exists' && (
              <input
                value={f.value}
                onChange={(e) => setFilter(i, { value: e.target.value })}
                aria-label="Value"
              />
            )}
            <button
              onClick={() => change({ filters: form.filters.filter((_, j) => j !== i) })}
              aria-label="Remove filter"
            >
              ✕
            </button>
          </div>
        ))}
      {form.audienceMode === 'filter' && (
        <div className="field-help" data-testid="audience-case-note">
          Values match whatever their case: “pune” also finds Pune and PUNE.
        </div>
      )}
      {form.audienceMode === 'filter' && (
        <button
          style={{ marginTop: 6 }}
          onClick={() =>
            change({ filters: [...form.filters, { property: '', op: 'eq', value: '' }] })
          }
        >
          Add filter
        </button>
      )}
    </div>
  )
}

/** Live check of the draft: counts, the filled sample message and every blocking problem. */
export function PreviewPanel({
  preview,
  error,
  limit = null
}: {
  preview: Preview | null
  error: string | null
  /** The campaign limit: the preview counts ignore it, so the review says what it cuts. */
  limit?: number | null
}) {
  if (error) return <ErrorPanel error={error} />
  if (!preview) return <div className="panel muted">Checking…</div>
  return (
    <div className="panel" data-testid="compose-preview">
      <h2>Review</h2>
      <div className="health-grid">
        <div className="stat">
          <div className="muted">Qualified</div>
          <div data-testid="preview-qualified">{formatNumber(preview.qualified)}</div>
        </div>
        <div className="stat">
          <div className="muted">Control group (about)</div>
          <div>{formatNumber(preview.control)}</div>
        </div>
        <div className="stat">
          <div className="muted">Target (about)</div>
          <div>{formatNumber(preview.target)}</div>
        </div>
      </div>
      {preview.excludedOptedOut > 0 && (
        <div className="muted" style={{ marginTop: 8 }} data-testid="preview-opted-out">
          {formatNumber(preview.excludedOptedOut)} audience members are left out: they stopped
          marketing messages (in WhatsApp, by an opt-out keyword, or Meta refused a send with
          131050) and have not resumed. They are not counted as qualified.
        </div>
      )}
      {limit !== null && limit < preview.target && (
        <div className="muted" style={{ marginTop: 8 }} data-testid="preview-limit">
          Limit {formatNumber(limit)}: at most {formatNumber(limit)} messages are sent; the other ~
          {formatNumber(preview.target - limit)} target users are not sent and count as dispatch
          errors (“Beyond the campaign limit”).
        </div>
      )}
      {preview.sample && (
        <div style={{ marginTop: 12 }} data-testid="preview-sample">
          <div className="muted">
            Sample: {preview.sample.name ?? 'no name'} ({preview.sample.phone})
          </div>
          <ol>
            {preview.sample.params.map((p, i) => (
              <li key={i}>{p || <span className="muted">(empty)</span>}</li>
            ))}
          </ol>
        </div>
      )}
      {preview.problems.length > 0 ? (
        <ul className="warn" data-testid="preview-problems">
          {preview.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <div className="ok" data-testid="preview-ready">
          Ready to launch.
        </div>
      )}
    </div>
  )
}
