import type { Route } from '../../../../shared/ipc/contract'

/**
 * What an audited call asked for, in words, for the audit log's Action column (its Outcome says
 * whether it was done); a route without words here shows its name. Words only: who may call a route is declared in the contract, not here.
 */
const WORDS: Partial<Record<Route, string>> = {
  'campaigns.create': 'Create a campaign draft',
  'campaigns.update': 'Edit a campaign draft',
  'campaigns.launch': 'Launch a campaign',
  'campaigns.pause': 'Pause a campaign',
  'campaigns.resume': 'Resume a campaign',
  'campaigns.cancel': 'Cancel a campaign',
  'campaigns.duplicate': 'Duplicate a campaign',
  'campaigns.delete': 'Delete a campaign draft',
  'campaigns.resendUnknown': 'Send again the messages of unknown outcome',
  'contacts.import': 'Import contacts',
  'events.import': 'Import conversion events',
  'data.backup': 'Back up the data',
  'data.restore': 'Restore a backup',
  'optOuts.setKeywords': 'Change the opt-out keywords',
  'pricing.importRateCard': 'Import a rate card',
  'pricing.setAccount': "Change an account's pricing",
  'providers.create': 'Add a provider account',
  'providers.update': 'Change a provider account',
  'providers.reconcile': "Fetch the provider's own numbers",
  'registration.setEnabled': 'Turn callback URL registration on or off',
  'registration.register': 'Register the callback URL',
  'reports.export': 'Export a report',
  'reports.prepareDownload': 'Download a report',
  'reports.schedule': 'Schedule a report',
  'reports.unschedule': 'Remove a scheduled report',
  'callbacks.test': 'Send a test callback',
  'tunnel.start': 'Start the tunnel',
  'tunnel.stop': 'Stop the tunnel',
  'templates.sync': 'Sync templates',
  'system.setLoginItem': 'Change start at login',
  'users.create': 'Create a user',
  'users.revoke': 'Revoke a user',
  'audit.export': 'Export the audit log',
  'audit.prepareDownload': 'Download the audit log'
}

export function auditWords(route: string): string | null {
  return Object.prototype.hasOwnProperty.call(WORDS, route) ? WORDS[route as Route]! : null
}
