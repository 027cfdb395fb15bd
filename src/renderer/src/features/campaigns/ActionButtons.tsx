import type { CampaignStatus, CampaignView } from '../../../../shared/ipc/routes/campaigns'
import { useCampaignsStore, type Action } from '../../stores/campaignsStore'
import { GuardedButton } from '../../components/GuardedButton'

/**
 * The actions each campaign state allows, in the order their buttons show. A draft is launched
 * only through the confirmation (`onLaunch`); what is destructive asks first.
 */
const ACTIONS: {
  action: Action
  label: string
  className?: string
  allowedIn: CampaignStatus[]
  question?: (name: string) => string
}[] = [
  { action: 'pause', label: 'Pause', allowedIn: ['running', 'qualifying'] },
  { action: 'resume', label: 'Resume', className: 'primary', allowedIn: ['paused'] },
  {
    action: 'cancel',
    label: 'Cancel',
    className: 'danger',
    allowedIn: ['scheduled', 'qualifying', 'running', 'paused'],
    question: (name) => `Cancel “${name}”? Messages not yet sent will not be sent.`
  },
  {
    action: 'duplicate',
    label: 'Duplicate',
    allowedIn: ['draft', 'scheduled', 'qualifying', 'running', 'paused', 'completed', 'cancelled']
  },
  {
    action: 'delete',
    label: 'Delete',
    className: 'danger',
    allowedIn: ['draft'],
    question: (name) => `Delete the draft “${name}”? This cannot be undone.`
  }
]

/**
 * The buttons of the actions a campaign's state allows (`only` narrows them, e.g. the stats page
 * keeps Pause, Resume and Cancel at hand while a campaign sends); disabled while one runs.
 */
export function ActionButtons({ campaign: c, only }: { campaign: CampaignView; only?: Action[] }) {
  const act = useCampaignsStore((s) => s.act)
  const busy = useCampaignsStore((s) => s.busy[c.id])
  return (
    <>
      {ACTIONS.filter(
        (a) => a.allowedIn.includes(c.status) && (!only || only.includes(a.action))
      ).map((a) => (
        <GuardedButton
          route={`campaigns.${a.action}`}
          key={a.action}
          className={a.className}
          disabled={!!busy}
          data-testid={`campaign-${a.action}`}
          onClick={() => {
            if (!a.question || window.confirm(a.question(c.name))) void act(c.id, a.action)
          }}
        >
          {a.label}
        </GuardedButton>
      ))}
    </>
  )
}
