import type { Output } from '../../../../shared/ipc/contract'
import { DataTable } from '../../components/DataTable'

type Change = Output<'pricing.rates'>['marketTable']['changes'][number]

/**
 * The countries Meta moved out of their group onto rates of their own, with the day each change
 * starts; a change after the loaded card's date is marked, since that card prices the country at
 * its group.
 */
export function MarketChanges({
  changes,
  cardDate
}: {
  changes: Change[]
  cardDate: string | null
}) {
  if (changes.length === 0) return null
  return (
    <details data-testid="market-changes">
      <summary>Countries that became markets of their own ({changes.length})</summary>
      <DataTable
        className="table"
        testId="market-changes-table"
        columns={['Country', 'Own market from', 'Before: priced in', 'Loaded card']}
      >
        {changes.map((c) => (
          <tr key={c.country}>
            <td>{c.country}</td>
            <td>{c.from}</td>
            <td>{c.group}</td>
            <td>
              {cardDate === null ? '—' : cardDate < c.from ? 'predates this change' : 'includes it'}
            </td>
          </tr>
        ))}
      </DataTable>
    </details>
  )
}
