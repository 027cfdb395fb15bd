import { useStatsStore } from '../../stores/statsStore'
import { ErrorDrilldown } from './ErrorDrilldown'
import { ErrorGroupTable } from './ErrorGroupTable'
import { ErrorPanel } from '../../components/ErrorPanel'

/** Dispatch and delivery error groups; choosing a group opens its recipients below. */
export function ErrorsTab() {
  const errors = useStatsStore((s) => s.errors)
  const drill = useStatsStore((s) => s.drill)
  const failures = useStatsStore((s) => s.failures)
  const openDrill = useStatsStore((s) => s.openDrill)
  const closeDrill = useStatsStore((s) => s.closeDrill)
  const setDrillSearch = useStatsStore((s) => s.setDrillSearch)
  const setDrillOffset = useStatsStore((s) => s.setDrillOffset)

  return (
    <div data-testid="errors-tab">
      <ErrorPanel error={failures.errors}>Could not load the error groups: </ErrorPanel>
      {drill && (
        <ErrorDrilldown
          key={`${drill.kind}:${drill.code}`}
          drill={drill}
          failure={failures.drill}
          onSearch={setDrillSearch}
          onOffset={setDrillOffset}
          onClose={closeDrill}
        />
      )}
      {(['dispatch', 'delivery'] as const).map((kind) => {
        const groups = errors[kind]
        return groups ? (
          <ErrorGroupTable
            key={kind}
            kind={kind}
            groups={groups}
            onOpen={(code, title) => openDrill(kind, code, title)}
          />
        ) : (
          !failures.errors && (
            <p key={kind} className="panel muted">
              Loading {kind} errors…
            </p>
          )
        )
      })}
    </div>
  )
}
