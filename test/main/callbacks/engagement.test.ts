import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../../helpers/engine'
import { seedCampaign } from '../../helpers/seedCampaign'
import { postSigned, providerInput } from '../../helpers/signedPost'
import { useTempDirs } from '../../helpers/tempDir'
import { drained } from './meta'

const SENT = Date.UTC(2026, 10, 2, 9)
const HOUR = 3600_000
const sec = (ms: number) => String(Math.floor(ms / 1000))
const digits = (phone: string) => phone.slice(1)

/** One Meta webhook with one change of `field` (Meta batches several the same way). */
const meta = (field: string, value: Record<string, unknown>) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      { id: 'waba', changes: [{ field, value: { messaging_product: 'whatsapp', ...value } }] }
    ]
  })

describe('BSUIDs, reactions and marketing opt-outs (issue #10), through the real hooks server', () => {
  const tempDir = useTempDirs()
  let t: TestEngine | null = null
  afterEach(async () => {
    await t?.engine.close()
    t = null
  })

  it('gives replied, reacted, optedOut and excludedOptedOut equal to a hand-computed truth', async () => {
    t = (await startTestEngine(tempDir())) as TestEngine
    const provider = await t.call('providers.create', providerInput('meta'))
    const db = t.engine.db
    const hooks = t.engine.hooksBase()!
    const post = async (body: string) =>
      expect(await postSigned('meta', hooks, provider.callbackPath, body)).toBe(200)
    const { campaignId, messages: m } = seedCampaign(db, {
      providerId: provider.id,
      count: 8,
      sentAt: SENT,
      phonePrefix: '+4915100'
    })
    await t.call('contacts.import', { csv: 'phone,name\n+4915199999999,Outsider\n' })
    const wamid = (i: number) => m[i]!.providerMessageId!
    const status = (i: number, value: string, extra: Record<string, unknown> = {}) => ({
      id: wamid(i),
      status: value,
      timestamp: sec(SENT + 60_000),
      recipient_id: digits(m[i]!.phone),
      ...extra
    })
    const message = (id: string, at: number, body: Record<string, unknown>) => ({
      id,
      timestamp: sec(at),
      ...body
    })

    // m0 and m4: statuses that show each user's BSUID (and m0's username) next to the phone.
    await post(
      meta('messages', {
        contacts: [
          {
            wa_id: digits(m[0]!.phone),
            user_id: 'US.100',
            parent_user_id: 'US.ENT.1',
            profile: { name: 'Ana', username: 'ana.k' }
          }
        ],
        statuses: [
          status(0, 'delivered', { recipient_user_id: 'US.100' }),
          status(4, 'delivered', { recipient_user_id: 'US.104' })
        ]
      })
    )
    // A username-only reply (no `from`, no `wa_id`): attributed to m0 through the BSUID; an
    // unknown BSUID is one unattributed reply.
    await post(
      meta('messages', {
        contacts: [{ user_id: 'US.100', profile: { name: 'Ana', username: 'ana.k' } }],
        messages: [
          message('wamid.in-u1', SENT + HOUR, {
            from_user_id: 'US.100',
            type: 'text',
            text: { body: 'hello' }
          })
        ]
      })
    )
    await post(
      meta('messages', {
        messages: [
          message('wamid.in-u2', SENT + HOUR, {
            from_user_id: 'US.999',
            type: 'text',
            text: { body: 'who are you' }
          })
        ]
      })
    )
    // Reactions: m1 reacts then removes it; m2 reacts twice; one reaction to a stranger's message.
    const reaction = (id: string, i: number, to: string, emoji: string) =>
      message(id, SENT + 2 * HOUR, {
        from: digits(m[i]!.phone),
        type: 'reaction',
        reaction: { message_id: to, emoji }
      })
    await post(
      meta('messages', {
        messages: [
          reaction('wamid.r1', 1, wamid(1), '👍'),
          reaction('wamid.r2', 1, wamid(1), ''),
          reaction('wamid.r3', 2, wamid(2), '😮'),
          reaction('wamid.r4', 2, wamid(2), '❤️'),
          reaction('wamid.r5', 3, 'wamid.not-ours', '👍')
        ]
      })
    )
    // user_preferences: m3 stops then resumes (resume delivered first: order must not matter);
    // m4 stops by BSUID only; the outsider (never messaged) stops.
    const preference = (who: Record<string, string>, value: string, at: number) =>
      meta('user_preferences', {
        user_preferences: [
          {
            ...who,
            detail: 'User requested',
            category: 'marketing_messages',
            value,
            timestamp: sec(at)
          }
        ]
      })
    await post(preference({ wa_id: digits(m[3]!.phone) }, 'resume', SENT + 5 * HOUR))
    await post(preference({ wa_id: digits(m[3]!.phone) }, 'stop', SENT + 3 * HOUR))
    await post(preference({ user_id: 'US.104' }, 'stop', SENT + 3 * HOUR))
    await post(preference({ wa_id: '4915199999999' }, 'stop', SENT + 3 * HOUR))
    // A category other than marketing messages is acknowledged and ignored.
    await post(
      meta('user_preferences', {
        user_preferences: [
          { wa_id: digits(m[7]!.phone), category: 'other', value: 'stop', timestamp: sec(SENT) }
        ]
      })
    )
    // Keyword replies: m5 "  stop " (whole text) is a reply and a stop; m7 "Stop please" is a
    // reply only. m6 fails with 131050: opted out, but not this campaign's opt-out.
    await post(
      meta('messages', {
        messages: [
          message('wamid.in-5', SENT + 4 * HOUR, {
            from: digits(m[5]!.phone),
            type: 'text',
            text: { body: '  stop ' }
          }),
          message('wamid.in-7', SENT + 4 * HOUR, {
            from: digits(m[7]!.phone),
            type: 'text',
            text: { body: 'Stop please' }
          })
        ],
        statuses: [
          status(6, 'failed', {
            errors: [{ code: 131050, title: 'User stopped marketing messages' }]
          })
        ]
      })
    )
    await drained(db)

    const summary = await t.call('stats.summary', { campaignId })
    // Hand-computed: replies from m0 (via BSUID), m5, m7; reactions by m1, m2 (removal undoes
    // nothing, a second emoji is the same user); stops after this campaign's message by m3
    // (resumed later: still counts), m4 (by BSUID), m5 (keyword); m6 (131050) does not count.
    expect({
      replied: summary.replied,
      replies: summary.replies,
      reacted: summary.reacted,
      optedOut: summary.optedOut
    }).toEqual({ replied: 3, replies: 3, reacted: 2, optedOut: 3 })
    const health = await t.call('callbacks.health', { providerId: provider.id })
    expect(health.unattributedReplies).toBe(1)
    expect(health.ignored).toEqual({ 'unknown_category:other': 1 })

    // Excluded now: m4, m5, m6 and the outsider (m3 resumed). 9 contacts in all.
    const preview = await t.call('campaigns.preview', {
      draft: { providerId: provider.id, audience: { all: true } }
    })
    expect({ qualified: preview.qualified, excluded: preview.excludedOptedOut }).toEqual({
      qualified: 5,
      excluded: 4
    })
    const list = await t.call('optOuts.list', {})
    expect(list.rows.map((r) => r.phone).sort()).toEqual(
      [m[4]!.phone, m[5]!.phone, m[6]!.phone, '+4915199999999'].sort()
    )
    expect(list.rows.find((r) => r.phone === m[5]!.phone)?.source).toBe('keyword')
    expect(list.rows.find((r) => r.phone === m[6]!.phone)?.source).toBe('error_131050')
    const csv = (await t.call('optOuts.csv', {})).csv
    expect(csv.split('\n')[0]).toBe('phone,user_id,username,name,opted_out_at,how')
    expect(csv).toContain(`'${m[4]!.phone},US.104`)

    // The username and BSUIDs are stored per contact, the username-only reply keeps no phone.
    const identity = db
      .prepare(
        'SELECT user_id, parent_user_id, username, phone FROM user_identity ORDER BY user_id'
      )
      .all()
    expect(identity).toEqual([
      { user_id: 'US.100', parent_user_id: 'US.ENT.1', username: 'ana.k', phone: m[0]!.phone },
      { user_id: 'US.104', parent_user_id: null, username: null, phone: m[4]!.phone },
      { user_id: 'US.999', parent_user_id: null, username: null, phone: null }
    ])
    const stranger = db
      .prepare(
        "SELECT phone, user_id, message_id FROM inbound_message WHERE provider_message_id = 'wamid.in-u2'"
      )
      .get()
    expect(stranger).toEqual({ phone: '', user_id: 'US.999', message_id: null })
  })

  it('editable keywords: a new keyword stops, the defaults no longer do', async () => {
    t = (await startTestEngine(tempDir())) as TestEngine
    expect((await t.call('optOuts.keywords', {})).keywords).toEqual([
      'STOP',
      'UNSUBSCRIBE',
      'STOP PROMOTIONS'
    ])
    const saved = await t.call('optOuts.setKeywords', { keywords: ['  parar ', 'PARAR', 'baja'] })
    expect(saved.keywords).toEqual(['PARAR', 'BAJA'])
    const provider = await t.call('providers.create', providerInput('meta'))
    const db = t.engine.db
    const { messages: m } = seedCampaign(db, { providerId: provider.id, count: 2, sentAt: SENT })
    const reply = (i: number, text: string) =>
      meta('messages', {
        messages: [
          {
            from: digits(m[i]!.phone),
            id: `wamid.k${i}`,
            timestamp: sec(SENT + HOUR),
            type: 'text',
            text: { body: text }
          }
        ]
      })
    const hooks = t.engine.hooksBase()!
    expect(await postSigned('meta', hooks, provider.callbackPath, reply(0, 'Parar'))).toBe(200)
    expect(await postSigned('meta', hooks, provider.callbackPath, reply(1, 'STOP'))).toBe(200)
    await drained(db)
    expect((await t.call('optOuts.list', {})).rows.map((r) => r.phone)).toEqual([m[0]!.phone])
  })
})
