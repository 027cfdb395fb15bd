import { useEffect, useState } from 'react'
import type { ProviderView } from '../../../../shared/ipc/routes/providers'
import { api } from '../../lib/api'

export function ProvidersPage() {
  const [providers, setProviders] = useState<ProviderView[]>([])
  useEffect(() => {
    void api.invoke('providers.list', {}).then((r) => setProviders(r.providers))
  }, [])
  return (
    <>
      <div className="page-header">
        <h1>Providers</h1>
      </div>
      <div className="panel">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th className="num">Messages/s</th>
              <th>Callback path</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.type}</td>
                <td className="num">{p.ratePerSecond}</td>
                <td>
                  <code>{p.callbackUrl ?? p.callbackPath}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
