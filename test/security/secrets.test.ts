import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATA_FILE } from '../../src/main/db/openDb'
import { startTestEngine } from '../helpers/engine'
import { useTempDirs } from '../helpers/tempDir'

const SECRETS = {
  accessToken: 'EAAGm0PX4ZCpsBAKsecretAccessToken9f8e7d6c',
  appSecret: 'appsecret-5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e',
  verifyToken: 'verify-token-91c7c0ffee0ddba11',
  authToken: 'twilio-auth-token-0a1b2c3d4e5f60718293',
  gupshupKey: 'gupshup-api-key-77d1e2f3a4b5c6d7e8f9',
  infobipKey: 'infobip-api-key-3c2b1a0f9e8d7c6b5a49'
}

/** Every byte of the data file and its WAL/journal siblings, as latin1 so nothing is dropped. */
function rawDataFiles(dir: string): string {
  return ['', '-wal', '-shm', '-journal']
    .map((suffix) => join(dir, DATA_FILE + suffix))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n')
}

function expectNoSecret(text: string, where: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(text.includes(value), `${name} leaked into ${where}`).toBe(false)
    // A fragment long enough to identify the credential must not appear either.
    expect(text.includes(value.slice(0, 16)), `${name} prefix leaked into ${where}`).toBe(false)
  }
}

describe('provider credentials at rest and in answers', () => {
  const tempDir = useTempDirs()

  it('never lands in the SQLite file or WAL, never comes back from the API, logs or errors', async () => {
    const dir = tempDir()
    const logged: string[] = []
    const { engine, call } = await startTestEngine(dir, {
      log: (message, err) => logged.push(`${message} ${String(err ?? '')}`)
    })
    try {
      const meta = await call('providers.create', {
        type: 'meta',
        name: 'Meta main',
        config: {
          phoneNumberId: '1055512345',
          accessToken: SECRETS.accessToken,
          appSecret: SECRETS.appSecret,
          verifyToken: SECRETS.verifyToken
        }
      })
      const twilio = await call('providers.create', {
        type: 'twilio',
        name: 'Twilio',
        config: {
          accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
          authToken: SECRETS.authToken,
          from: 'whatsapp:+14155550100'
        }
      })
      await call('providers.create', {
        type: 'gupshup',
        name: 'Gupshup',
        config: { apiKey: SECRETS.gupshupKey, source: '917834811114', appName: 'tickboard' }
      })
      await call('providers.create', {
        type: 'infobip',
        name: 'Infobip',
        config: {
          apiKey: SECRETS.infobipKey,
          baseUrl: 'https://xyz.api.infobip.com',
          from: '447860099299'
        }
      })
      // An update that keeps the masked secrets must keep them and still not store them in clear.
      const listed = await call('providers.list', {})
      const masked = listed.providers.find((p) => p.id === meta.id)!.config
      await call('providers.update', { id: meta.id, name: 'Meta renamed', config: masked })
      expect(engine.providerAccounts.get(meta.id).config.accessToken).toBe(SECRETS.accessToken)

      // Errors about bad credentials name the field, never echo the value.
      const badCreate = await engine.invoke('providers.create', {
        type: 'twilio',
        name: 'Broken',
        config: { accountSid: SECRETS.authToken, authToken: SECRETS.authToken, from: 'x' }
      })
      expect(badCreate.ok).toBe(false)
      const badUpdate = await engine.invoke('providers.update', {
        id: twilio.id,
        config: { accountSid: SECRETS.gupshupKey }
      })
      expect(badUpdate.ok).toBe(false)

      // Exports of a campaign on that provider, and a backup, carry no credential either.
      await call('contacts.import', { csv: 'phone,name\n+919876500001,Asha\n' })
      const campaign = await call('campaigns.create', {
        name: 'Secret check',
        providerId: meta.id,
        template: { name: 'hello', language: 'en', params: ['{{name}}'] },
        audience: { all: true },
        controlGroupPercent: 0
      })
      const out = tempDir()
      const exported: string[] = []
      for (const kind of ['summary', 'recipients', 'errors'] as const) {
        const path = join(out, `${kind}.csv`)
        await call('reports.export', { campaignId: campaign.id, format: 'csv', kind, path })
        exported.push(readFileSync(path, 'utf8'))
      }
      expectNoSecret(exported.join('\n'), 'CSV exports')
      const backup = await call('data.backup', { name: 'backup' })
      expectNoSecret(readFileSync(backup.path).toString('latin1'), 'a backup')

      const answers = JSON.stringify([
        await call('providers.list', {}),
        badCreate,
        badUpdate,
        await call('system.info', {})
      ])
      expectNoSecret(answers, 'API answers')
      expect(answers).toContain('••••')
      expectNoSecret(logged.join('\n'), 'the engine log')
      engine.db.pragma('wal_checkpoint(PASSIVE)')
      const raw = rawDataFiles(dir)
      // The grep sees the file's text at all: the public parts are there in clear.
      expect(raw).toContain('Meta renamed')
      expect(raw).toContain('1055512345')
      expectNoSecret(raw, 'the data file')
    } finally {
      await engine.close()
    }
    expectNoSecret(rawDataFiles(dir), 'the data file after close')
    if (process.platform !== 'win32')
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
  })

  it('stores nothing readable when the key comes from TICKBOARD_SECRET_KEY', async () => {
    const dir = tempDir()
    const { createKeyFileSecretBox } = await import('../../src/main/secrets/secretBox')
    const key = 'a1'.repeat(32)
    const { engine, call } = await startTestEngine(dir, {
      secrets: (d) => createKeyFileSecretBox(d, key)
    })
    try {
      await call('providers.create', {
        type: 'gupshup',
        name: 'Gupshup',
        config: { apiKey: SECRETS.gupshupKey, source: '917834811114', appName: 'tb' }
      })
    } finally {
      await engine.close()
    }
    expectNoSecret(rawDataFiles(dir), 'the data file')
    expect(existsSync(join(dir, 'secret.key'))).toBe(false)
    // The same key decrypts after a restart; a different key is refused, not silently misread.
    const again = await startTestEngine(dir, { secrets: (d) => createKeyFileSecretBox(d, key) })
    try {
      expect(again.engine.providerAccounts.accounts()[0]!.config.apiKey).toBe(SECRETS.gupshupKey)
    } finally {
      await again.engine.close()
    }
    const wrong = await startTestEngine(dir, {
      secrets: (d) => createKeyFileSecretBox(d, 'b2'.repeat(32))
    })
    try {
      expect(() => wrong.engine.providerAccounts.accounts()).toThrow(/key .* is not the one/)
    } finally {
      await wrong.engine.close()
    }
  })
})
