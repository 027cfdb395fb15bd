import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../../lib/errors'
import { useCampaignsStore, type DraftEditOf } from '../../stores/campaignsStore'
import { useContactsStore } from '../../stores/contactsStore'
import { useProvidersStore } from '../../stores/providersStore'
import { useUiStore } from '../../stores/uiStore'
import { AudienceEditor, ParamsEditor, PreviewPanel, type Change } from './ComposeSections'
import { emptyForm, fromDraft, toDraft, toPreview, type DraftForm } from './draftForm'
import { bindForm } from './bindForm'
import { BubblePreview } from './BubblePreview'
import { ReadinessReview } from './ReadinessReview'
import { TemplatePicker } from './TemplatePicker'
import { MappingReview, VariableMapper } from './VariableMapper'
import { usePreview } from './usePreview'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useLaunch } from './useLaunch'
import { GuardedButton } from '../../components/GuardedButton'
import { CurrencySelect } from '../../components/CurrencySelect'
import { KIND_LABELS, kindOf } from '../../../../shared/domain/providerForm'
import { useSettingsStore } from '../../stores/settingsStore'

/** The composition flow: provider, template and parameters, audience, control, goal, limits, review. */
export function ComposePage({ campaignId }: { campaignId?: string }) {
  const navigate = useUiStore((s) => s.navigate)
  const save = useCampaignsStore((s) => s.save)
  const getCampaign = useCampaignsStore((s) => s.get)
  const providers = useProvidersStore((s) => s.providers)
  const loadProviders = useProvidersStore((s) => s.load)
  const loadProperties = useContactsStore((s) => s.properties)
  const [form, setForm] = useState<DraftForm>(emptyForm())
  const [properties, setProperties] = useState<string[]>([])
  const { preview, error: previewError, setError: setPreviewError } = usePreview(form)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  // The draft being edited and its version (loaded, or saved on the way to the launch
  // confirmation): later saves update it, not add one, and say so when someone else saved since.
  const [saved, setSaved] = useState<DraftEditOf | null>(null)
  const savedId = saved?.id ?? campaignId
  const launch = useLaunch()
  const defaultCurrency = useSettingsStore((s) => s.currency)
  const loadCurrency = useSettingsStore((s) => s.loadCurrency)
  useEffect(() => {
    loadCurrency().catch((err: unknown) => setPreviewError(errorMessage(err)))
  }, [loadCurrency, setPreviewError])
  const change: Change = useCallback(
    (patch) => setForm((f) => ({ ...f, ...(typeof patch === 'function' ? patch(f) : patch) })),
    []
  )
  const bind = bindForm(form, change)

  useEffect(() => {
    ;(async () => {
      const [, props] = await Promise.all([loadProviders(), loadProperties()])
      const list = useProvidersStore.getState().providers
      setProperties(props)
      if (campaignId) {
        const existing = await getCampaign(campaignId)
        if (existing.draft) setForm(fromDraft(existing.draft))
        setSaved({ id: existing.id, version: existing.version })
      } else if (list[0]) {
        const sandbox = list.find((p) => p.type === 'sandbox') ?? list[0]
        setForm((f) => (f.providerId ? f : { ...f, providerId: sandbox.id }))
      }
    })().catch((err: unknown) => setPreviewError(errorMessage(err)))
  }, [campaignId, setPreviewError, loadProviders, loadProperties, getCampaign])

  const provider = providers.find((p) => p.id === form.providerId)
  const localProblems = [
    !form.name.trim() && 'Name the campaign.',
    !form.templateName.trim() &&
      (form.advanced
        ? 'Enter the template name (as approved by the provider).'
        : 'Pick a template from the list.'),
    form.language.trim().length < 2 && 'Enter the template language code, e.g. en or pt_BR.'
  ].filter(Boolean) as string[]
  // The operator may launch past readiness problems (reports cannot reach the app) on purpose:
  // the confirmation asks for that override, so they do not keep it from opening.
  const blocked =
    localProblems.length > 0 ||
    !preview ||
    preview.problems.some((p) => !preview.overridable?.includes(p))
  // Until the template name is filled the preview is asked without the template, so the engine
  // also asked for a language the form already has ("en"): show one list, the form's own first.
  const templateSent = !!toPreview(form).template
  const shownPreview = preview && {
    ...preview,
    problems: [
      ...localProblems,
      ...preview.problems.filter((p) => templateSent || !p.startsWith('Enter the template'))
    ]
  }

  /** Saves the draft; `andLaunch` then opens the launch confirmation instead of leaving. */
  async function submit(andLaunch: boolean): Promise<void> {
    // Editing: never saved as a new draft before the edited one (and its version) has loaded.
    if (campaignId && !saved) return setSaveError('The campaign is still loading; save again.')
    setSaving(true)
    setSaveError(null)
    try {
      const next = await save(toDraft(form), saved)
      setSaved(next)
      if (andLaunch) launch.ask(next.id)
      else navigate({ name: 'campaigns' })
    } catch (err) {
      setSaveError(errorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <div className="page-header">
        <h1>{savedId ? 'Edit campaign' : 'New campaign'}</h1>
        <button onClick={() => navigate({ name: 'campaigns' })}>Back to campaigns</button>
      </div>
      <div className="panel field-grid compose-grid">
        <label htmlFor="c-name">Name</label>
        <input id="c-name" {...bind.text('name')} data-testid="compose-name" />
        <label htmlFor="c-provider">Provider</label>
        <select id="c-provider" {...bind.text('providerId')} data-testid="compose-provider">
          <option value="">choose…</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.type === 'sandbox' ? 'simulated' : KIND_LABELS[kindOf(p.type, p.config)]}
              , {p.ratePerSecond}/s)
            </option>
          ))}
        </select>
        <label htmlFor="c-template">Template</label>
        <TemplatePicker form={form} change={change} properties={properties} />
        {form.advanced && (
          <>
            <label>Name and language</label>
            <div className="row">
              <input
                id="c-template"
                placeholder="template name"
                {...bind.text('templateName')}
                data-testid="compose-template"
              />
              <input
                aria-label="Language"
                style={{ width: 90 }}
                {...bind.text('language')}
                data-testid="compose-language"
              />
            </div>
            <label>Parameters</label>
            <ParamsEditor form={form} change={change} properties={properties} />
          </>
        )}
        {!form.advanced && (
          <>
            <label>Values</label>
            <VariableMapper form={form} change={change} properties={properties} />
          </>
        )}
        <label>Message preview</label>
        <BubblePreview form={form} />
        <label>Audience</label>
        <AudienceEditor form={form} change={change} properties={properties} />
        <label htmlFor="c-control">Control group</label>
        <div className="row">
          <input
            id="c-control"
            type="range"
            min={0}
            max={50}
            value={form.controlGroupPercent}
            onChange={(e) => change({ controlGroupPercent: Number(e.target.value) })}
            data-testid="compose-control"
          />
          <span>{form.controlGroupPercent}% held out to measure lift</span>
        </div>
        <label>Conversion goal</label>
        {/* One line at 1024 px (campaigns.css .goal-row): short words, inputs that share the rest. */}
        <div className="row goal-row" data-testid="compose-goal-row">
          <label>
            <input {...bind.checkbox('goalOn')} data-testid="compose-goal" /> Track
          </label>
          {form.goalOn && (
            <>
              <input
                aria-label="Goal event"
                placeholder="event"
                style={{ flex: '3 1 0', minWidth: 72 }}
                {...bind.text('goalEvent')}
              />
              <span>within</span>
              <input
                aria-label="Window hours"
                style={{ flex: '1 1 0', minWidth: 44 }}
                {...bind.text('windowHours')}
              />
              <span title="hours; revenue from the event's property">h, revenue</span>
              <input
                aria-label="Revenue property"
                placeholder="property"
                style={{ flex: '2 1 0', minWidth: 64 }}
                {...bind.text('revenueProperty')}
              />
              <span>in</span>
              <CurrencySelect
                label="Revenue currency"
                value={form.currency || defaultCurrency || ''}
                onChange={(currency) => change({ currency })}
                testId="compose-currency"
                compact
              />
            </>
          )}
        </div>
        <label htmlFor="c-limit">Limit</label>
        <input id="c-limit" placeholder="no limit" {...bind.text('limit')} />
        <label htmlFor="c-rate">Throttle</label>
        <div className="row">
          <input
            id="c-rate"
            placeholder={provider ? String(provider.ratePerSecond) : ''}
            {...bind.text('ratePerSecond')}
          />
          <span className="field-help">
            messages/s, never above the provider’s {provider?.ratePerSecond ?? '—'}/s
          </span>
        </div>
        <label htmlFor="c-schedule">Schedule</label>
        <input id="c-schedule" type="datetime-local" {...bind.text('scheduleAt')} />
      </div>
      <PreviewPanel
        preview={shownPreview}
        error={previewError}
        limit={toDraft(form).limit ?? null}
      />
      {!shownPreview && localProblems.length > 0 && (
        <ul className="warn">
          {localProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <MappingReview form={form} />
      <ReadinessReview preview={preview} />
      <ErrorPanel error={saveError} testId="compose-error" />
      <div className="row">
        <GuardedButton
          route={savedId ? 'campaigns.update' : 'campaigns.create'}
          disabled={saving || !form.providerId || !form.templateName.trim()}
          onClick={() => void submit(false)}
          data-testid="compose-save"
        >
          Save draft
        </GuardedButton>
        <GuardedButton
          route="campaigns.launch"
          className="primary"
          disabled={saving || blocked}
          onClick={() => void submit(true)}
          data-testid="compose-launch"
        >
          {form.scheduleAt ? 'Schedule…' : 'Launch…'}
        </GuardedButton>
      </div>
      {launch.dialog}
    </>
  )
}
