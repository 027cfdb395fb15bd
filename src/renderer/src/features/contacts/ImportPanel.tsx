import { useId, useState } from 'react'
import type { Route } from '../../../../shared/ipc/contract'
import { Why } from '../../components/GuardedButton'
import { ProgressBar } from '../../components/ProgressBar'
import { useCan } from '../../lib/useCan'
import { useContactsStore } from '../../stores/contactsStore'

const COUNTRIES = ['IN', 'US', 'GB', 'BR', 'ID', 'MX', 'NG', 'ZA', 'AE', 'DE', 'ES', 'FR', 'IT']

/** File pickers for contacts and events CSVs, with a progress bar while the engine imports. */
export function ImportPanel() {
  const importing = useContactsStore((s) => s.importing)
  const importFile = useContactsStore((s) => s.importFile)
  const [country, setCountry] = useState('IN')

  return (
    <div className="panel">
      <div className="row">
        <CsvFilePicker
          label="Contacts CSV"
          route="contacts.import"
          disabled={!!importing}
          testId="import-contacts-file"
          onFile={(file) => void importFile('contacts', file, country)}
        />
        <label className="row">
          Numbers without +country are in
          <select
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            data-testid="import-country"
          >
            {COUNTRIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <CsvFilePicker
          label="Events CSV"
          route="events.import"
          disabled={!!importing}
          testId="import-events-file"
          onFile={(file) => void importFile('events', file)}
        />
      </div>
      <p className="muted" style={{ marginBottom: 0 }}>
        Contacts: a header row with <code>phone</code>, optional <code>name</code>; other columns
        become properties. The same phone again updates the contact. Events:{' '}
        <code>phone,event,time</code> (ISO-8601 or Unix seconds), optional <code>revenue</code>.
      </p>
      {importing && (
        <div className="row" style={{ marginTop: 8 }} data-testid="import-progress">
          Importing {importing.fileName}…{' '}
          <ProgressBar ratio={importing.ratio} label="Import progress" />
        </div>
      )}
    </div>
  )
}

/**
 * A labelled CSV file picker for the import `route` (disabled, saying why, for a role that may
 * not import); it is cleared after each pick so the same file can be picked again.
 */
function CsvFilePicker({
  label,
  route,
  disabled,
  testId,
  onFile
}: {
  label: string
  route: Route
  disabled: boolean
  testId: string
  onFile(file: File): void
}) {
  const can = useCan(route)
  const whyId = useId()
  return (
    <label className="row">
      {label}
      <input
        type="file"
        accept=".csv,text/csv"
        disabled={disabled || !can.allowed}
        aria-describedby={can.allowed ? undefined : whyId}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) onFile(file)
          e.target.value = ''
        }}
      />
      <Why can={can} id={whyId} />
    </label>
  )
}
