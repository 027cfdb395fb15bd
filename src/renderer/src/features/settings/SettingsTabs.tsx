import type { Route } from '../../../../shared/ipc/contract'
import type { SettingsSection } from '../../lib/routes'
import { useCan } from '../../lib/useCan'
import { useUiStore } from '../../stores/uiStore'

const SECTIONS: { section?: SettingsSection; label: string; reads?: Route }[] = [
  { label: 'General' },
  { section: 'users', label: 'Users', reads: 'users.list' },
  { section: 'audit', label: 'Audit log', reads: 'audit.list' }
]

/**
 * Settings' pages, each with its own address. A page the role may not read is listed disabled
 * with the reason, and opening its address shows the same reason instead of an error.
 */
export function SettingsTabs({ section }: { section?: SettingsSection }) {
  return (
    <nav className="tabs" aria-label="Settings">
      {SECTIONS.map((s) => (
        <SectionLink key={s.label} {...s} current={section === s.section} />
      ))}
    </nav>
  )
}

function SectionLink(props: {
  section?: SettingsSection
  label: string
  reads?: Route
  current: boolean
}) {
  const navigate = useUiStore((s) => s.navigate)
  // Every link asks, so the hook order never changes; General reads what every role may.
  const can = useCan(props.reads ?? 'system.info')
  return (
    <button
      className={props.current ? 'active' : ''}
      aria-current={props.current ? 'page' : undefined}
      disabled={!can.allowed}
      title={can.why ?? undefined}
      onClick={() => navigate({ name: 'settings', section: props.section })}
      data-testid={`settings-tab-${props.section ?? 'general'}`}
    >
      {props.label}
      {!can.allowed && <span className="why"> · {can.why}</span>}
    </button>
  )
}
