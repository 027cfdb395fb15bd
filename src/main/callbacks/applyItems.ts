import type { CallbackRepos } from '../db/repos/callbackRepos'
import type { MessageRepo } from '../db/repos/messageRepo'
import type { MarketingActionApplier } from '../pricing/marketingActions'
import type { CallbackEvent, CallbackKind } from '../providers/types'
import { createIdentityStore } from './applyIdentity'
import { createIgnoredRecorder } from './applyIgnored'
import { createInboundApplier } from './applyInbound'
import { createOptOutRecorder } from './applyOptOut'
import { createReactionApplier } from './applyReaction'
import { createTemplateApplier, type TemplateChanged } from './applyTemplateItem'
import type { ApplyStatus } from './applyStatus'
import { createAttributor } from './attribution'

/** Where one item came from: its provider and inbox row. */
export interface ItemContext {
  providerId: string
  inboxId: number
  receivedAt: number
}

/** Applies one item of its kind; returns the campaign whose numbers it changed, if any. */
export type Applier<K extends CallbackKind> = (
  item: Extract<CallbackEvent, { kind: K }>,
  ctx: ItemContext
) => string | null

/**
 * One applier per item kind. The mapped type makes a kind without an applier a type error, so
 * adding a webhook kind is: its item type in `providers/callbackItems.ts`, its applier here.
 */
export type ItemAppliers = { [K in CallbackKind]: Applier<K> }

/** What the appliers write through and consult; built once by the composition root. */
export interface ItemApplierDeps {
  repos: Pick<
    CallbackRepos,
    'unmatched' | 'ignored' | 'identities' | 'inbound' | 'optOuts' | 'aliases' | 'attribution'
  >
  /** The one writer of `message`; appliers change message state only through it. */
  messages: MessageRepo
  applyStatus: ApplyStatus
  /** Whether a reply's whole text is an opt-out keyword (Settings). */
  isOptOutKeyword: (text: string | null) => boolean
  /** Template webhooks change the stored templates through this (templates/). */
  templates: Parameters<typeof createTemplateApplier>[0]
  /** Marketing clicks and other actions (pricing/marketingActions). */
  applyMarketingAction: MarketingActionApplier
  onTemplate?: (change: TemplateChanged) => void
}

export function createItemAppliers(deps: ItemApplierDeps): ItemAppliers {
  const { repos, applyStatus, applyMarketingAction } = deps
  const applyTemplate = createTemplateApplier(deps.templates, deps.onTemplate)
  const attributor = createAttributor(repos.attribution)
  const recordOptOut = createOptOutRecorder(repos.optOuts)
  const learn = createIdentityStore(repos.identities)
  const applyInbound = createInboundApplier({
    inbound: repos.inbound,
    messages: deps.messages,
    attributor,
    recordOptOut,
    isOptOutKeyword: deps.isOptOutKeyword
  })
  const applyReaction = createReactionApplier(repos.inbound, attributor)
  const recordIgnored = createIgnoredRecorder(repos.ignored)
  return {
    status(event, ctx) {
      const outcome = applyStatus(event, ctx.providerId, ctx.inboxId)
      if (outcome.matched) {
        const seenWith = { phone: outcome.phone, contactId: outcome.contactId }
        learn(event.user, event.at, seenWith)
        // 131050: the user had already stopped marketing messages (not this campaign's opt-out).
        if (event.status === 'failed' && event.errorCode === '131050')
          recordOptOut(
            {
              source: 'error_131050',
              value: 'stop',
              at: event.at,
              phone: outcome.phone,
              userId: event.user?.userId ?? null,
              detail: event.errorTitle ?? null,
              dedupeKey: `status:${outcome.messageId}:131050`
            },
            ctx.providerId,
            ctx.receivedAt
          )
        return outcome.campaignId
      }
      repos.unmatched.add({
        providerId: ctx.providerId,
        inboxId: ctx.inboxId,
        providerMessageId: event.providerMessageId,
        ourId: event.ourId,
        event,
        receivedAt: ctx.receivedAt
      })
      return null
    },
    inbound(event, ctx) {
      learn(event.user, event.at)
      const outcome = applyInbound(event, ctx.providerId, ctx.receivedAt)
      return outcome.stored ? outcome.campaignId : null
    },
    reaction(event, ctx) {
      learn(event.user, event.at)
      return applyReaction(event, ctx.providerId, ctx.receivedAt)
    },
    preference(event, ctx) {
      learn(event.user, event.at)
      const userId = event.user?.userId ?? null
      const who = { phone: event.phone, userId }
      const { target } = attributor.attribute(who, event.at, ctx.providerId, null)
      const recorded = recordOptOut(
        {
          source: 'user_preferences',
          value: event.value,
          at: event.at,
          phone: attributor.phoneOf(who),
          userId,
          detail: event.detail,
          dedupeKey: `pref:${event.phone ?? userId}:${event.value}:${event.at}`,
          // A resume counts for no campaign; a stop counts for the last one sent before it.
          target: event.value === 'stop' ? target : undefined
        },
        ctx.providerId,
        ctx.receivedAt
      )
      return recorded && event.value === 'stop' ? (target?.campaign_id ?? null) : null
    },
    alias(event, ctx) {
      repos.aliases.add(ctx.providerId, event.alias, event.providerMessageId)
      return null
    },
    template: (item, ctx) => applyTemplate(item, ctx.providerId, ctx.receivedAt),
    ignored(item, ctx) {
      recordIgnored(item.reason, item.sample, ctx)
      return null
    },
    marketing_action(item, ctx) {
      const outcome = applyMarketingAction(item, ctx.providerId, ctx.inboxId)
      if (outcome.applied) return outcome.campaignId
      // A duplicate, or a click for no message we know: no stat changes; health counts it.
      recordIgnored(`${outcome.reason}_${item.action}`, JSON.stringify(item), ctx)
      return null
    }
  }
}

/**
 * Applies one stored item through its kind's applier. A kind this build does not know (a row
 * written by a newer build) is counted as ignored rather than failing its inbox row.
 */
export function applyItem(appliers: ItemAppliers, item: CallbackEvent, ctx: ItemContext) {
  const apply = Object.hasOwn(appliers, item.kind)
    ? (appliers[item.kind] as Applier<CallbackKind>)
    : null
  if (apply) return apply(item as never, ctx)
  return appliers.ignored(
    { kind: 'ignored', reason: `unknown_item:${String(item.kind)}`, sample: '' },
    ctx
  )
}
