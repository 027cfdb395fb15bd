import { randomBytes, randomUUID } from 'node:crypto'
import { AppError, ErrorCode } from '../../shared/ipc/errors'
import { describeIssues, readableIssues, type InputIssue } from '../../shared/ipc/inputIssues'
import {
  configSchemas,
  providerInput,
  providerRoutes,
  type ProviderInput,
  type ProviderType,
  type ProviderView
} from '../../shared/ipc/routes/providers'
import type { ProviderRepo, ProviderRow } from '../db/repos/providerRepo'
import type { SecretBox } from '../secrets/secretBox'
import { DEFAULT_RATE, SECRET_FIELDS, maskSecret, splitConfig } from './providerConfig'
import { urlOn } from '../http/url'

/** A provider account with its decrypted config: only for the engine, never sent to a client. */
export interface ProviderAccount {
  id: string
  type: ProviderType
  name: string
  config: Record<string, unknown>
  ratePerSecond: number
  callbackToken: string
}

/** An account's secret callback path, where its provider posts reports and replies. */
export function callbackPathOf(providerId: string, callbackToken: string): string {
  return `/hooks/${providerId}/${callbackToken}`
}

/** That path on a base (tunnel, `--public-url` or loopback); null without a base. */
export function callbackUrlOn(
  base: string | null,
  providerId: string,
  callbackToken: string
): string | null {
  return base ? urlOn(base, callbackPathOf(providerId, callbackToken)) : null
}

/**
 * Provider accounts: creation with an unguessable callback token, encrypted credentials, masked
 * views. `publicBase()` is the tunnel URL when one is up, else `--public-url`, else null.
 */
export function createProviderAccounts(
  repo: ProviderRepo,
  secrets: SecretBox,
  publicBase: () => string | null
) {
  function toAccount(row: ProviderRow): ProviderAccount {
    const secret = row.secret_config
      ? (JSON.parse(secrets.decrypt(row.secret_config)) as Record<string, string>)
      : {}
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      config: { ...(JSON.parse(row.public_config) as Record<string, unknown>), ...secret },
      ratePerSecond: row.rate_per_second,
      callbackToken: row.callback_token
    }
  }
  const callbackUrl = (row: ProviderRow): string | null =>
    callbackUrlOn(publicBase(), row.id, row.callback_token)
  function toView(row: ProviderRow): ProviderView {
    const masked: Record<string, unknown> = JSON.parse(row.public_config) as Record<string, unknown>
    for (const field of SECRET_FIELDS[row.type])
      masked[field] = maskSecret(String(toAccount(row).config[field] ?? ''))
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      config: masked,
      ratePerSecond: row.rate_per_second,
      callbackPath: callbackPathOf(row.id, row.callback_token),
      callbackUrl: callbackUrl(row),
      createdAt: row.created_at
    }
  }
  function seal(type: ProviderType, config: Record<string, unknown>) {
    const { publicConfig, secretConfig } = splitConfig(type, config)
    return {
      public_config: JSON.stringify(publicConfig),
      secret_config: Object.keys(secretConfig).length
        ? secrets.encrypt(JSON.stringify(secretConfig))
        : null
    }
  }
  function mustGet(id: string): ProviderRow {
    const row = repo.get(id)
    if (!row) throw new AppError(ErrorCode.notFound, `No provider with id ${id}`)
    return row
  }

  return {
    create(input: ProviderInput, now: number) {
      const row: ProviderRow = {
        id: randomUUID(),
        type: input.type,
        name: input.name,
        ...seal(input.type, input.config),
        // Hex, not base64url: 360dialog refuses webhook URLs that contain an underscore.
        callback_token: randomBytes(24).toString('hex'),
        rate_per_second: input.config.ratePerSecond ?? DEFAULT_RATE[input.type],
        created_at: now,
        updated_at: now
      }
      repo.insert(row)
      return {
        id: row.id,
        callbackPath: callbackPathOf(row.id, row.callback_token),
        callbackUrl: callbackUrl(row)
      }
    },
    /** Changes some fields; secret fields left out (or sent back masked) keep their value. */
    update(id: string, name: string | undefined, patch: Record<string, unknown>, now: number) {
      const row = mustGet(id)
      const shape = configSchemas[row.type].shape
      const known = (k: string): boolean => Object.prototype.hasOwnProperty.call(shape, k)
      const stray = Object.keys(patch).filter((k) => !known(k))
      if (stray.length)
        refuse([{ code: 'unrecognized_keys', path: ['config'], keys: stray, message: '' }])
      const current = Object.fromEntries(
        Object.entries(toAccount(row).config).filter(([k]) => known(k))
      )
      const changes = Object.fromEntries(
        Object.entries(patch).filter(
          ([k, v]) => !(SECRET_FIELDS[row.type].includes(k) && String(v).startsWith('••••'))
        )
      )
      const parsed = providerInput.safeParse({
        type: row.type,
        name: name ?? row.name,
        config: { ...current, ...changes }
      })
      if (!parsed.success) refuse(parsed.error.issues)
      repo.update({
        ...row,
        name: parsed.data.name,
        ...seal(row.type, parsed.data.config),
        rate_per_second: parsed.data.config.ratePerSecond ?? DEFAULT_RATE[row.type],
        updated_at: now
      })
      return { id }
    },
    get: (id: string): ProviderAccount => toAccount(mustGet(id)),
    find: (id: string): ProviderAccount | undefined => {
      const row = repo.get(id)
      return row ? toAccount(row) : undefined
    },
    /** The account's provider type (its credentials are not read). */
    typeOf: (id: string): ProviderType | undefined => repo.get(id)?.type,
    list: (): ProviderView[] => repo.list().map(toView),
    accounts: (): ProviderAccount[] => repo.list().map(toAccount),
    callbackUrlOf: (id: string): string | null => callbackUrl(mustGet(id))
  }
}
function refuse(raw: readonly InputIssue[]): never {
  const issues = readableIssues(raw, 'providers.update', providerRoutes['providers.update'].input)
  throw new AppError(ErrorCode.invalidInput, describeIssues(issues), issues)
}

export type ProviderAccounts = ReturnType<typeof createProviderAccounts>
