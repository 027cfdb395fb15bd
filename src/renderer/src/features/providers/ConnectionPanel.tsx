import { useEffect } from 'react'
import { formatDateTime, formatNumber } from '../../lib/format'
import { errorMessage } from '../../lib/errors'
import { useProvidersStore } from '../../stores/providersStore'
import { useTemplatesStore } from '../../stores/templatesStore'

/**
 * One account's link to its provider: the last "Test connection" (a cheap documented read with
 * the stored credentials) and the template sync state (when, how many, the last error).
 */
export function ConnectionPanel({ providerId }: { providerId: string }) {
  const test = useProvidersStore((s) => s.connections[providerId])
  const list = useTemplatesStore((s) => s.lists[providerId])
  const load = useTemplatesStore((s) => s.list)
  useEffect(() => {
    load(providerId).catch((err: unknown) => console.warn(errorMessage(err)))
  }, [providerId, load])
  const result = test?.result
  return (
    <div className="connection" data-testid={`provider-connection-${providerId}`}>
      {test && !test.running && (
        <div
          role="status"
          className={
            result?.outcome === 'ok' ? 'ok' : result?.outcome === 'not_tested' ? 'muted' : 'error'
          }
          data-testid={`provider-connection-result-${providerId}`}
        >
          {result
            ? `${result.outcome === 'ok' ? 'Connected' : result.outcome === 'failed' ? 'Connection failed' : 'Not tested'}: ${result.detail}${result.request ? ` (${result.request}${result.ms !== null ? `, ${result.ms} ms` : ''})` : ''}`
            : `Connection failed: ${test.error}`}
        </div>
      )}
      <div className="muted" data-testid={`provider-templates-state-${providerId}`}>
        Templates:{' '}
        {!list
          ? 'loading…'
          : list.syncedAt === null
            ? list.error
              ? 'never synced'
              : 'not synced yet'
            : `${formatNumber(list.templates.length)} synced ${formatDateTime(list.syncedAt)}`}
        {list?.error && <span className="error"> · last sync failed: {list.error}</span>}
      </div>
    </div>
  )
}
