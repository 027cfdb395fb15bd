// The team-server sessions of the electron stand-in (electron.mjs): the desktop app as a team
// server's client, driven through the shell's registered IPC handler. See teamClientShell.test.ts.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const env = process.env

/** Waits for a file the test writes into $STANDIN_HOME (it controls the team server). */
async function fileAppears(name) {
  const until = Date.now() + 30_000
  while (!existsSync(join(env.STANDIN_HOME, name)) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50))
}

async function teamStateIs(lastTeamState, state) {
  const until = Date.now() + 30_000
  while (lastTeamState()?.state !== state && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50))
  return lastTeamState()?.state === state
}

/**
 * The desktop app as a team server's client. `connect`: Settings → Connect (a plain-http address
 * and a wrong token refused first), calls through the server, then the server goes away and comes
 * back (the test stops and restarts it between the files it writes). `saved`: the next start,
 * on the saved server from the first call, then Disconnect back to the local engine.
 */
export async function teamSession(mode, { invoke, record, lastTeamState }) {
  const call = async (route, input) => {
    const result = await invoke(route, input)
    record(`invoke.${route}`, { result })
    return result
  }
  const url = env.STANDIN_TEAM_URL
  await call('team.status', {})
  if (mode === 'saved') {
    await call('system.info', {})
    await call('contacts.list', { limit: 1 })
    await call('team.disconnect', {})
    await call('system.info', {})
    return
  }
  record('team.plainHttp', {
    result: await invoke('team.connect', {
      url: 'http://tickboard.example.com:8080',
      token: env.STANDIN_TEAM_TOKEN
    })
  })
  record('team.wrongToken', {
    result: await invoke('team.connect', { url, token: 'not-the-token' })
  })
  await call('team.connect', { url, token: env.STANDIN_TEAM_TOKEN })
  await call('system.info', {})
  await call('contacts.import', { csv: 'phone,name\n+919812345678,Asha\n', defaultCountry: 'IN' })
  if (env.STANDIN_SAVE_PATH) await exportSummaryThroughSaveDialog(call, 'Team export')
  record('team.outage.ready')
  await fileAppears('server-stopped')
  await call('contacts.list', { limit: 1 })
  record('team.outage.seen', { said: await teamStateIs(lastTeamState, 'unreachable') })
  await fileAppears('server-back')
  const until = Date.now() + 30_000
  let back = await invoke('contacts.list', { limit: 1 })
  while (!back.ok && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200))
    back = await invoke('contacts.list', { limit: 1 })
  }
  record('team.recovered', { result: back, said: await teamStateIs(lastTeamState, 'connected') })
  await call('team.status', {})
}

/**
 * The export buttons' desktop path: the save dialog, then reports.export with what it answered
 * (on a team server the server makes the file and this computer saves it there).
 */
export async function exportSummaryThroughSaveDialog(call, campaignName) {
  const provider = await call('providers.create', { type: 'sandbox', name: 'Sandbox', config: {} })
  const campaign = await call('campaigns.create', {
    name: campaignName,
    providerId: provider.data.id,
    template: { name: 'offer', language: 'en', params: [] },
    audience: { all: true },
    controlGroupPercent: 10
  })
  const chosen = await call('reports.chooseSavePath', { defaultName: 'summary.csv', format: 'csv' })
  await call('reports.export', {
    campaignId: campaign.data.id,
    format: 'csv',
    kind: 'summary',
    path: chosen.data.path,
    overwrite: chosen.data.replaces
  })
}
