import { useEffect, useId, useState } from 'react'
import { errorMessage } from '../../lib/errors'
import { useSettingsStore } from '../../stores/settingsStore'
import { CurrencySelect } from '../../components/CurrencySelect'
import { Panel } from '../../components/Panel'
import { Why } from '../../components/GuardedButton'
import { useCan } from '../../lib/useCan'

/**
 * Settings: the currency a campaign's revenue is in unless Compose names another. Everyone sees
 * it (`system.currency` is a viewer's); only an admin may change it, so for others the picker is
 * disabled with the reason beside it.
 */
export function DefaultCurrency() {
  const currency = useSettingsStore((s) => s.currency)
  const load = useSettingsStore((s) => s.loadCurrency)
  const save = useSettingsStore((s) => s.setCurrency)
  const [saved, setSaved] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const canChange = useCan('system.setCurrency')
  const whyId = useId()
  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)))
  }, [load])

  async function pick(next: string): Promise<void> {
    setError(null)
    setSaved(null)
    try {
      await save(next)
      setSaved(`New campaigns count revenue in ${next}.`)
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Panel title="Revenue currency" testId="default-currency">
      <p className="muted">
        The currency of the revenue your events report (ISO 4217). A new campaign&apos;s goal takes
        it unless Compose picks another, and keeps it. ROI is shown only when revenue and cost (the
        account&apos;s currency on the Pricing page) are in the same currency.
      </p>
      <div className="row">
        <label htmlFor="default-currency">Default currency</label>
        <CurrencySelect
          id="default-currency"
          value={currency ?? ''}
          onChange={(c) => void pick(c)}
          testId="default-currency-select"
          disabled={!canChange.allowed}
          describedBy={canChange.allowed ? undefined : whyId}
        />
        <Why can={canChange} id={whyId} />
        {saved && (
          <span className="ok" role="status">
            {saved}
          </span>
        )}
        {error && <span className="error">{error}</span>}
      </div>
    </Panel>
  )
}
