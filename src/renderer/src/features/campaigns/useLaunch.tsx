import { useState } from 'react'
import { focusHeading } from '../../lib/focusHeading'
import { useUiStore } from '../../stores/uiStore'
import { LaunchDialog } from './LaunchDialog'

/**
 * Launch through the confirmation, from any page: `ask(id)` opens it; a confirmed launch opens
 * the campaign's stats page with focus on its title, where its progress shows.
 */
export function useLaunch(onCancel?: () => void) {
  const [asking, setAsking] = useState<string | null>(null)
  const navigate = useUiStore((s) => s.navigate)
  const dialog = asking && (
    <LaunchDialog
      campaignId={asking}
      onCancel={() => {
        setAsking(null)
        onCancel?.()
      }}
      onLaunched={(id) => {
        setAsking(null)
        navigate({ name: 'campaign', campaignId: id })
        focusHeading('[data-testid=stats-page] h1')
      }}
    />
  )
  return { ask: setAsking, dialog }
}
