import { useState } from 'react'
import type { ProviderView } from '../../../../shared/ipc/routes/providers'
import { useProvidersStore, type FieldErrors } from '../../stores/providersStore'
import {
  FIELDS,
  KIND_LABELS,
  kindOf,
  toConfig,
  typeOf,
  type ProviderKind
} from '../../../../shared/domain/providerForm'
import { GuardedButton } from '../../components/GuardedButton'

/**
 * Add a provider account, or edit one (`editing`). Secrets come back masked (••••1234); a masked
 * value left as it is keeps the stored secret, so editing a name never needs the token again.
 */
export function ProviderForm({ editing, onDone }: { editing?: ProviderView; onDone(): void }) {
  const create = useProvidersStore((s) => s.create)
  const update = useProvidersStore((s) => s.update)
  const [kind, setKind] = useState<ProviderKind>(
    editing ? kindOf(editing.type, editing.config) : 'meta'
  )
  const [name, setName] = useState(editing?.name ?? '')
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(
      Object.entries(editing?.config ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)])
    ),
    // The rate is stored beside the config, not in it.
    ...(editing ? { ratePerSecond: String(editing.ratePerSecond) } : {})
  }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const prefix = editing ? `provider-edit-${editing.id}` : 'provider-add'

  async function submit(e: React.FormEvent): Promise<void> {
    e.preventDefault()
    setSaving(true)
    const config = toConfig(kind, values)
    const result = editing
      ? await update(editing.id, name, config)
      : await create({ type: typeOf(kind), name, config } as never)
    setSaving(false)
    if (result.ok) return onDone()
    setErrors(result.fields ?? {})
    setMessage(result.message ?? 'Could not save')
  }

  return (
    <form className="provider-form" onSubmit={(e) => void submit(e)} data-testid={`${prefix}-form`}>
      <div className="field-grid">
        <label htmlFor={`${prefix}-kind`}>Provider</label>
        <div>
          <select
            id={`${prefix}-kind`}
            value={kind}
            disabled={!!editing}
            onChange={(e) => {
              setKind(e.target.value as ProviderKind)
              setErrors({})
            }}
            data-testid={`${prefix}-type`}
          >
            {(Object.keys(KIND_LABELS) as ProviderKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <label htmlFor={`${prefix}-name`}>Name</label>
        <div>
          <input
            id={`${prefix}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Shown in campaigns, e.g. Main number"
            data-testid={`${prefix}-name`}
          />
          {errors.name && <div className="error field-error">{errors.name}</div>}
        </div>
        {FIELDS[kind].map((field) => (
          <FieldRow
            key={`${kind}-${field.name}`}
            id={`${prefix}-${field.name}`}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(v) => setValues((s) => ({ ...s, [field.name]: v }))}
          />
        ))}
      </div>
      {message && (
        <div className="error" role="alert" data-testid={`${prefix}-error`}>
          {message}
        </div>
      )}
      <div className="row" style={{ marginTop: 8 }}>
        <GuardedButton
          route={editing ? 'providers.update' : 'providers.create'}
          className="primary"
          type="submit"
          disabled={saving}
          data-testid={`${prefix}-save`}
        >
          {editing ? 'Save changes' : 'Add provider'}
        </GuardedButton>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function FieldRow(props: {
  id: string
  field: (typeof FIELDS)[ProviderKind][number]
  value: string
  error?: string
  onChange(value: string): void
}) {
  const { id, field, value, error, onChange } = props
  return (
    <>
      <label htmlFor={id}>
        {field.label}
        {field.required ? ' *' : ''}
      </label>
      <div>
        <input
          id={id}
          type={field.secret && !value.startsWith('••••') ? 'password' : 'text'}
          inputMode={field.kind === 'number' ? 'decimal' : undefined}
          value={value}
          placeholder={field.placeholder}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!!error}
          data-testid={id}
        />
        <div className="muted field-help">
          {field.help}
          {field.secret && value.startsWith('••••')
            ? ' Leave as shown to keep the stored value.'
            : ''}
        </div>
        {error && <div className="error field-error">{error}</div>}
      </div>
    </>
  )
}
