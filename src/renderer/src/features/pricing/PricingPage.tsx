import { useEffect, useState } from 'react'
import type { Output } from '../../../../shared/ipc/contract'
import type { AccountPricing } from '../../../../shared/ipc/routes/pricing'
import { errorMessage } from '../../lib/errors'
import { usePricingStore } from '../../stores/pricingStore'
import { formatDateTime } from '../../lib/format'
import { useProvidersStore } from '../../stores/providersStore'
import { Panel } from '../../components/Panel'
import { DataTable } from '../../components/DataTable'
import { MarketChanges } from './MarketChanges'
import { GuardedButton } from '../../components/GuardedButton'

type Imported = Output<'pricing.importRateCard'>

/** Meta's rate card and each provider account's currency, fee and Marketing Messages API option. */
export function PricingPage() {
  const rates = usePricingStore((s) => s.rates)
  const loadRates = usePricingStore((s) => s.loadRates)
  const importRateCard = usePricingStore((s) => s.importRateCard)
  const [csv, setCsv] = useState('')
  const [result, setResult] = useState<Imported | null>(null)
  const [error, setError] = useState<string | null>(null)
  const providers = useProvidersStore((s) => s.providers)
  const loadProviders = useProvidersStore((s) => s.load)
  useEffect(() => {
    loadRates().catch((e: unknown) => setError(errorMessage(e)))
    void loadProviders()
  }, [loadRates, loadProviders])

  async function importCard(): Promise<void> {
    setError(null)
    try {
      setResult(await importRateCard(csv))
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  return (
    <div data-testid="pricing-page">
      <div className="page-header">
        <h1>Pricing</h1>
      </div>
      <Panel title="Rate card">
        <p className="muted">
          Paste or open Meta&apos;s published rate card as CSV: one row per market and currency with
          the columns Market, Currency, Marketing, Utility, Authentication,
          Authentication-International, Service (price per delivered message). A card with a bad
          line is not loaded at all.
        </p>
        <div className="row">
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="rate-card-file"
            onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
          />
        </div>
        <textarea
          rows={6}
          style={{ width: '100%' }}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          data-testid="rate-card-csv"
          aria-label="Rate card CSV"
        />
        <GuardedButton
          route="pricing.importRateCard"
          className="primary"
          disabled={!csv.trim()}
          onClick={() => void importCard()}
          data-testid="rate-card-import"
        >
          Import rate card
        </GuardedButton>
        {error && <p className="error">{error}</p>}
        {result && result.rejected.length === 0 && (
          <p data-testid="rate-card-result">
            Loaded {result.rows} rows for {result.markets} markets.
          </p>
        )}
        {result && result.rejected.length > 0 && (
          <div className="error" data-testid="rate-card-rejected">
            Nothing was loaded:
            <ul>
              {result.rejected.map((r) => (
                <li key={`${r.line}-${r.reason}`}>
                  line {r.line}: {r.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        {rates && (
          <>
            <p className="muted" data-testid="rate-card-loaded">
              {rates.importedAt
                ? `${rates.rows.length} rows, ${rates.markets} markets, imported ${formatDateTime(rates.importedAt)}.`
                : 'No rate card loaded yet.'}{' '}
              Markets by calling code: {rates.marketTable.source} ({rates.marketTable.date}).
            </p>
            {rates.importedAt && (
              <p data-testid="rate-card-date">
                {rates.effectiveFrom
                  ? `The loaded card is effective from ${rates.effectiveFrom}.`
                  : 'The loaded card does not say its date (no "effective …" line above its header).'}
              </p>
            )}
            <MarketChanges changes={rates.marketTable.changes} cardDate={rates.effectiveFrom} />
            {rates.rows.length > 0 && (
              <DataTable
                className="table"
                testId="rate-card-table"
                columns={[
                  'Market',
                  'Currency',
                  'Marketing',
                  'Utility',
                  'Authentication',
                  'Auth. intl.',
                  'Service'
                ]}
              >
                {rates.rows.map((r) => (
                  <tr key={`${r.market}-${r.currency}`}>
                    <td>{r.market}</td>
                    <td>{r.currency}</td>
                    {[
                      r.marketing,
                      r.utility,
                      r.authentication,
                      r.authenticationInternational,
                      r.service
                    ].map((v, i) => (
                      <td key={i}>{v ?? '—'}</td>
                    ))}
                  </tr>
                ))}
              </DataTable>
            )}
          </>
        )}
      </Panel>
      <Panel title="Provider accounts">
        {providers.map((p) => (
          <AccountPricingRow key={p.id} providerId={p.id} name={p.name} type={p.type} />
        ))}
      </Panel>
    </div>
  )
}

function AccountPricingRow({
  providerId,
  name,
  type
}: {
  providerId: string
  name: string
  type: string
}) {
  const [value, setValue] = useState<AccountPricing | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const { account, setAccount } = usePricingStore()
  useEffect(() => {
    account(providerId).then(setValue, (e: unknown) => setStatus(errorMessage(e)))
  }, [account, providerId])
  if (!value) return status ? <p className="error">{status}</p> : null
  const save = (): void => {
    setStatus(null)
    setAccount(value).then(
      (saved) => {
        setValue(saved)
        setStatus('Saved')
      },
      (e: unknown) => setStatus(errorMessage(e))
    )
  }
  const metaLike = type === 'meta' || type === 'sandbox'
  return (
    <div className="row" data-testid={`account-pricing-${providerId}`}>
      <strong>{name}</strong>
      <label>
        Currency{' '}
        <input
          size={4}
          value={value.currency}
          onChange={(e) => setValue({ ...value, currency: e.target.value.toUpperCase() })}
        />
      </label>
      <label>
        Extra fee per message{' '}
        <input
          type="number"
          min={0}
          step="0.0001"
          value={value.feePerMessage}
          onChange={(e) => setValue({ ...value, feePerMessage: Number(e.target.value) || 0 })}
        />
      </label>
      {metaLike && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={value.marketingMessagesApi}
            onChange={(e) => setValue({ ...value, marketingMessagesApi: e.target.checked })}
            data-testid={`mm-api-${providerId}`}
          />
          Send marketing templates through the Marketing Messages API (clicks and landing page
          views)
        </label>
      )}
      <GuardedButton route="pricing.setAccount" onClick={save}>
        Save
      </GuardedButton>
      {status && <span className="muted">{status}</span>}
    </div>
  )
}
