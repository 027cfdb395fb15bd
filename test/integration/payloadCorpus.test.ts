import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drained } from '../main/callbacks/meta'
import { startTestEngine, type TestEngine } from '../helpers/engine'
import { postSigned, providerInput, type SignedType } from '../helpers/signedPost'
import { useTempDirs } from '../helpers/tempDir'

/**
 * Every published webhook body of the corpus (copied byte for byte from
 * shared/reference/payloads into test/fixtures/payloads, with its README of sources), replayed through the real hooks
 * server with the provider's own signature, each into a fresh provider account whose campaign
 * "sent" the ids the body names. The expected outcome of each file is written by hand from
 * the corpus README and the providers' documentation, not read from the code.
 */
const CORPUS = join(__dirname, '../fixtures/payloads')
const SENT = Date.UTC(2017, 0, 1) // before every body's own timestamp

interface Seed {
  /** The provider id our send got (null: only our id is known). */
  id: string | null
  phone: string
  ourId?: string
  /** Sent through the Marketing Messages API (a `marketing_send` row). */
  mm?: boolean
}

interface Expected {
  /** Delivery state of the first seeded message (undefined: not checked; null: untouched). */
  status?: string | null
  failureCode?: string
  /** How the file's inbound message was attributed ('unattributed': kept, no campaign). */
  reply?: 'quote' | 'last_sent' | 'unattributed'
  replied?: number
  reacted?: number
  /** Phones / BSUID subjects now opted out of marketing messages. */
  optedOut?: string[]
  /** Campaign optedOut stat. */
  optedOutStat?: number
  ignored?: Record<string, number>
  unmatched?: number
  /** BSUID → phone learned. */
  identity?: [string, string | null]
  /** Inbound stored with this phone ('' = none) and user id. */
  inboundWho?: [string, string | null]
  alias?: [string, string]
  /** Click / landing page view webhooks: per business number and UTC day, and whom they went to. */
  actions?: { kind: string; number: string | null; day: string; campaign: number; user: number }[]
  clicked?: number | null
  landingPageViews?: number | null
}

interface Case {
  file: string
  seed?: Seed[]
  /** Bodies posted first (e.g. Gupshup's enqueued that announces WhatsApp's id). */
  before?: string[]
  /** Placeholders of published docs replaced by the values our campaign used. */
  subs?: Record<string, string>
  expected: Expected
}

const P972 = '+972987654321'
const W = 'wamid.xyzxyz'
const gsEnqueued = (gsId: string, wamid: string) =>
  JSON.stringify({
    app: 'DemoAPI',
    timestamp: 1729588570000,
    version: 2,
    type: 'message-event',
    payload: {
      id: gsId,
      type: 'enqueued',
      destination: '919987993274',
      payload: { whatsappMessageId: wamid, type: 'template' }
    }
  })

// prettier-ignore
const CASES: Record<SignedType, Case[]> = {
  meta: [
    { file: 'm01_pywa_status_sent_cbp.json', seed: [{ id: W, phone: P972 }], expected: { status: 'sent', identity: ['US.13491208655302741918', P972], ignored: {} } },
    { file: 'm02_pywa_status_delivered.json', seed: [{ id: W, phone: P972 }], expected: { status: 'delivered' } },
    { file: 'm03_pywa_status_read.json', seed: [{ id: W, phone: P972 }], expected: { status: 'read' } },
    { file: 'm04_pywa_status_failed_130472.json', seed: [{ id: W, phone: P972 }], expected: { status: 'failed', failureCode: '130472', identity: ['US.13491208655302741918', P972] } },
    { file: 'm05_pywa_status_played.json', seed: [{ id: W, phone: P972 }], expected: { status: null, ignored: { 'unknown_status:played': 1 } } },
    { file: 'm06_pywa_status_with_tracker.json', seed: [{ id: null, phone: P972, ourId: 'some data' }], expected: { status: 'sent' } },
    { file: 'm07_pywa_status_group_read.json', seed: [{ id: W, phone: P972 }], expected: { status: null, unmatched: 0, ignored: { 'unknown_recipient_type:group': 1 } } },
    { file: 'm08_metadocs_status_sent_pmp.json', seed: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=', phone: '+16505551234' }], expected: { status: 'sent' } },
    { file: 'm09_metadocs_status_v24_no_pricing.json', seed: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=', phone: '+16505551234' }], expected: { status: 'sent' } },
    { file: 'm10_metadocs_status_failed_131049.json', seed: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA', phone: '+16505551234' }], expected: { status: 'failed', failureCode: '131049', optedOut: [] } },
    { file: 'm11_checkapi_cloudwatch_failed_131050.json', seed: [{ id: 'wamid.cc1672030434fc00848cbc0d8312ef1a4c3e20b3', phone: '+1555101470191' }], expected: { status: 'failed', failureCode: '131050', optedOut: ['+1555101470191'], optedOutStat: 0 } },
    { file: 'm12_captured_failed_131026_with_contacts.json', seed: [{ id: 'wamid.11935c8242729c1e9cc2fb5a4a813297b30d27e6', phone: '+155583639783' }], expected: { status: 'failed', failureCode: '131026', ignored: {} } },
    { file: 'm13_captured_cronwallet_sent_cbp.json', seed: [{ id: 'wamid.b8fd003cb8bb48cd550b402892b2a285b8a447c7', phone: '+1555907558727' }], expected: { status: 'sent' } },
    { file: 'm14_captured_cronwallet_delivered_cbp.json', seed: [{ id: 'wamid.b8fd003cb8bb48cd550b402892b2a285b8a447c7', phone: '+1555907558727' }], expected: { status: 'delivered' } },
    { file: 'm15_captured_playnow_sent_utility.json', seed: [{ id: 'wamid.c8c96133128196a8cba539ce4ed474b5a2df25dc', phone: '+15557819002' }], expected: { status: 'sent' } },
    { file: 'm17_captured_playnow_inbound_text.json', seed: [{ id: 'wamid.ours-17', phone: '+15557819002' }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 'm18_meta_dashboard_test_text.json', seed: [{ id: 'wamid.ours-18', phone: '+15550000018' }], expected: { reply: 'unattributed', replied: 0 } },
    { file: 'm19_pywa_interactive_button_reply.json', seed: [{ id: W, phone: '+15550000019' }], expected: { reply: 'quote', replied: 1 } },
    { file: 'm20_pywa_quick_reply_button.json', seed: [{ id: 'wamid.xyzxyz==', phone: P972 }], expected: { reply: 'quote', replied: 1 } },
    { file: 'm21_pywa_quick_reply_no_context.json', seed: [{ id: 'wamid.ours-21', phone: P972 }], expected: { reply: 'last_sent', replied: 1, inboundWho: [P972, 'US.13491208655302741918'] } },
    { file: 'm22_pywa_list_reply.json', seed: [{ id: W, phone: P972 }], expected: { reply: 'quote', replied: 1 } },
    { file: 'm23_pywa_text.json', seed: [{ id: 'wamid.ours-23', phone: P972 }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 'm24_pywa_image.json', seed: [{ id: 'wamid.ours-24', phone: P972 }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 'm25_pywa_reaction.json', seed: [{ id: 'wamid.yzxyzx=', phone: P972 }], expected: { replied: 0, reacted: 1, ignored: {} } },
    { file: 'm26_pywa_reply_text_with_context.json', seed: [{ id: 'wamid.xyzxyz==', phone: '+15550000026' }], expected: { reply: 'quote', replied: 1 } },
    { file: 'm27_pywa_unsupported.json', seed: [{ id: 'wamid.ours-27', phone: P972 }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 'm28_pywa_unreaction_empty.json', seed: [{ id: 'wamid.yzxyzx=', phone: P972 }], expected: { replied: 0, reacted: 0, ignored: {} } },
    // No user, no message: counted for the number and day, given to the only MM API campaign of the number.
    { file: 'm29_metadocs_user_actions_link_click.json', seed: [{ id: 'wamid.ours-29', phone: P972, mm: true }], expected: { actions: [{ kind: 'click', number: '+15550783881', day: '2025-12-05', campaign: 1, user: 0 }], clicked: 1, ignored: {} } },
    { file: 'm30_metadocs_user_actions_landing_page_view.json', seed: [{ id: 'wamid.ours-30', phone: P972, mm: true }], expected: { actions: [{ kind: 'landing_page_view', number: '+15550783881', day: '2025-12-05', campaign: 1, user: 0 }], landingPageViews: 1, ignored: {} } }
  ],
  twilio: [
    { file: 't01_botbuilder_status_sent.txt', seed: [{ id: 'SM0cec4ed334e74bcbb64eb8b6684e9654', phone: '+31612345678' }], expected: { status: 'sent' } },
    { file: 't02_botbuilder_status_delivered.txt', seed: [{ id: 'SMdf55df64a2ff4920bb0748193cfbb640', phone: '+31612345678' }], expected: { status: 'delivered' } },
    { file: 't03_captured_php_status_read.txt', seed: [{ id: 'SMd5cfa9e002d043c18defc777668b08c1', phone: '+155551705152' }], expected: { status: 'read' } },
    { file: 't04_courier_status_failed_63018.txt', seed: [{ id: 'SMe287d7109a5a925f182f0e07fe5b223b', phone: '+15550000004' }], expected: { status: 'failed', failureCode: '63018' } },
    { file: 't05_fixture_status_undelivered_63016.txt', seed: [{ id: 'SM-OUT-1', phone: '+5561999990001' }], expected: { status: 'failed', failureCode: '63016' } },
    { file: 't06_botbuilder_inbound_text.txt', seed: [{ id: 'SMours06', phone: '+31612345678' }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 't07_botbuilder_inbound_image.txt', seed: [{ id: 'SMours07', phone: '+31612345678' }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 't08_rawpayload_inbound_reply_quoted.txt', seed: [{ id: 'MM3c146d6483ab26bddabeeedf9565afea', phone: '+15550000008' }], expected: { reply: 'quote', replied: 1 } },
    { file: 't09_captured_inbound_interactive_button.txt', seed: [{ id: 'MM5cc44eecf7dab0d48d4529d0fa4af44d', phone: '+15550000009' }], expected: { reply: 'quote', replied: 1, identity: ['ID.4566546130240823', '+1555114428794'] } },
    { file: 't10_courier_inbound_buttontext.txt', seed: [{ id: 'SMours10', phone: '+14133881111' }], expected: { reply: 'last_sent', replied: 1 } },
    { file: 't11_courier_inbound_bsuid_no_phone.txt', seed: [{ id: 'SMours11', phone: '+15550000011' }], expected: { reply: 'unattributed', replied: 0, inboundWho: ['', 'US.1234'], identity: ['US.1234', null] } }
  ],
  gupshup: [
    { file: 'g01_docs_enqueued.json', seed: [{ id: '59f8db90-c37e-4408-90ab-cc54ef8246ad', phone: '+919800000001' }], expected: { status: null, alias: ['gBEGkYaYVSEEAgkD7bRi9syGnBk', '59f8db90-c37e-4408-90ab-cc54ef8246ad'], ignored: {} } },
    { file: 'g02_docs_failed_sync_1008.json', seed: [{ id: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', phone: '+919800000002' }], expected: { status: 'failed', failureCode: '1008' } },
    { file: 'g03_docs_failed_async_470.json', seed: [{ id: '72f61f22-5aa4-4615-a970-943edf6da01c', phone: '+919800000003' }], expected: { status: 'failed', failureCode: '470' } },
    { file: 'g04_docs_sent.json', seed: [{ id: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', phone: '+919800000004' }], expected: { status: 'sent' } },
    { file: 'g05_docs_delivered.json', seed: [{ id: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', phone: '+919800000005' }], expected: { status: 'delivered' } },
    { file: 'g06_docs_read.json', seed: [{ id: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', phone: '+919800000006' }], expected: { status: 'read' } },
    // MM Lite: the report carries only WhatsApp's id, announced earlier by the enqueued event.
    { file: 'g07_docs_mmlite_sent_no_gsid.json', seed: [{ id: 'gs-mmlite-07', phone: '+919987993274' }], before: [gsEnqueued('gs-mmlite-07', 'wamid.HBgMOTE5OTg3OTkzMjc0FQIAERgSMTBEQjFDNkQzMUVBRjExRDI1AA==')], expected: { status: 'sent', unmatched: 0 } },
    { file: 'g08_captured_sent_two_uuids.json', seed: [{ id: 'ab52ecd1-7181-4b6b-ba4d-06de1d3bdb42', phone: '+15551386538' }], expected: { status: 'sent' } },
    { file: 'g09_partnerdocs_bsuid_sent_pmp.json', seed: [{ id: '793df8da-2283-4774-a861-c2ffbae83823', phone: '+917506080480' }], expected: { status: 'sent', identity: ['IN.1648738043044942', '+917506080480'] } },
    { file: 'g10_docs_inbound_quick_reply_text_context.json', seed: [{ id: '9b71295f-f7af-4c1f-b2b4-31b4a4867bad', phone: '+919800000010' }], subs: { '91XXXXX4': '919800000010', '9XXXXX4': '9800000010' }, expected: { reply: 'quote', replied: 1 } },
    // The reply's context carries only WhatsApp's id: it matches through the enqueued alias.
    { file: 'g11_docs_inbound_quick_reply_postback.json', seed: [{ id: 'gs-11', phone: '+919800000011' }], before: [gsEnqueued('gs-11', 'gBEG-wa-11')], subs: { '"id": "<MESSAGE_ID>", "source"': '"id": "ABEG-in-11", "source"', '<MESSAGE_ID>': 'gBEG-wa-11', '<PHONE_NUMBER>': '919800000099', '<SENDER_PHONE>': '919800000099' }, expected: { reply: 'quote', replied: 1 } },
    { file: 'g12_partnerdocs_v3_enqueued.json', seed: [{ id: '2baff204-c39a-4121-90b5-f53f26d522b3', phone: '+919100000012' }], expected: { status: null, alias: ['wamid.HBgMOTE5MTYzODA1ODczFQIAERgSNkZCMThGMEEwQzJDOUFGQjFBAA==', '2baff204-c39a-4121-90b5-f53f26d522b3'], ignored: {} } },
    { file: 'g13_partnerdocs_v3_sent_condensed.json', seed: [{ id: '7daeb742-f2dc-4c09-90e0-d879d20f7b98', phone: '+919100000013' }], expected: { status: 'sent' } }
  ],
  infobip: [
    { file: 'i01_phpsdk_delivery_report_delivered.json', seed: [{ id: 'fb469d73-d362-463f-b30f-1e959b53badc', phone: '+41793026731' }], expected: { status: 'delivered' } },
    { file: 'i02_phpsdk_seen_report.json', seed: [{ id: '1215f543ab19-345f-adbd-12ad31451ed25f35', phone: '+41793026731' }], expected: { status: 'read' } },
    { file: 'i03_phpsdk_inbound_text.json', seed: [{ id: 'ours-i03', phone: '+385919998888' }], expected: { reply: 'last_sent', replied: 1 } }
  ]
}

const DIRS: Record<SignedType, string> = {
  meta: 'meta',
  twilio: 'twilio',
  gupshup: 'gupshup',
  infobip: 'infobip'
}

describe('the published payload corpus through the real hooks server', () => {
  const tempDir = useTempDirs()
  let t: TestEngine
  beforeAll(async () => {
    t = (await startTestEngine(tempDir())) as TestEngine
  })
  afterAll(async () => {
    await t?.engine.close()
  })

  it('has a hand-written expectation for every one of the 56 bodies', () => {
    const files = Object.values(DIRS).flatMap((d) => readdirSync(join(CORPUS, d)))
    const cased = Object.values(CASES).flatMap((cases) => cases.map((c) => c.file))
    expect(files.length).toBe(56)
    expect(cased.sort()).toEqual(files.sort())
  })

  for (const [type, cases] of Object.entries(CASES) as [SignedType, Case[]][])
    for (const c of cases)
      it(`${c.file}`, async () => {
        const db = t.engine.db
        const provider = await t.call('providers.create', providerInput(type, c.file))
        const campaignId = `corpus-${c.file}`
        const seeded = seed(db, provider.id, campaignId, c.seed ?? [])
        const hooks = t.engine.hooksBase()!
        const post = (body: string) => postSigned(type, hooks, provider.callbackPath, body)
        for (const body of c.before ?? []) expect(await post(body)).toBe(200)
        let body = readFileSync(join(CORPUS, DIRS[type], c.file), 'utf8')
        if (type === 'twilio') body = body.trim()
        if (type !== 'twilio') body = JSON.stringify(JSON.parse(body)) // compact, as sent
        for (const [from, to] of Object.entries(c.subs ?? {})) body = body.replaceAll(from, to)
        expect(await post(body), 'a signed callback is acknowledged').toBe(200)
        await drained(db)
        expect(await outcome(t, provider.id, campaignId, seeded[0], c.expected)).toEqual(c.expected)
      })
})

function seed(
  db: TestEngine['engine']['db'],
  providerId: string,
  campaignId: string,
  rows: Seed[]
) {
  db.prepare(
    `INSERT INTO campaign (id, name, provider_id, draft, status, launched_at, qualified, created_at, updated_at)
     VALUES (?, ?, ?, '{}', 'running', ?, ?, ?, ?)`
  ).run(campaignId, campaignId, providerId, SENT, rows.length, SENT, SENT)
  const contact = db.prepare(
    `INSERT INTO contact (phone, name, properties, created_at, updated_at) VALUES (?, NULL, '{}', ?, ?)
     ON CONFLICT (phone) DO UPDATE SET updated_at = excluded.updated_at RETURNING id`
  )
  const message = db.prepare(
    `INSERT INTO message (campaign_id, contact_id, phone, grp, seq, our_id, dispatch_state, attempts,
       dispatched_at, provider_message_id, sent_at)
     VALUES (?, ?, ?, 'target', ?, ?, 'sent', 1, ?, ?, ?)`
  )
  const marketing = db.prepare(
    `INSERT INTO marketing_send (message_id, campaign_id, message_status, at) VALUES (?, ?, 'accepted', ?)`
  )
  return rows.map((r, i) => {
    const { id: contactId } = contact.get(r.phone, SENT, SENT) as { id: number }
    const ourId = r.ourId ?? `${campaignId}-${i}`
    const id = Number(
      message.run(campaignId, contactId, r.phone, i, ourId, SENT, r.id, SENT).lastInsertRowid
    )
    if (r.mm) marketing.run(id, campaignId, SENT)
    return { id, phone: r.phone }
  })
}

/** What the replay did, in the shape of the expectation (only the keys the case names). */
async function outcome(
  t: TestEngine,
  providerId: string,
  campaignId: string,
  first: { id: number; phone: string } | undefined,
  expected: Expected
): Promise<Expected> {
  const db = t.engine.db
  const got: Expected = {}
  const row = first
    ? (db.prepare('SELECT status, failure_code FROM message WHERE id = ?').get(first.id) as {
        status: string | null
        failure_code: string | null
      })
    : undefined
  if ('status' in expected) got.status = row?.status ?? null
  if ('failureCode' in expected) got.failureCode = row?.failure_code ?? undefined
  const inbound = db
    .prepare('SELECT phone, user_id, attributed_by FROM inbound_message WHERE provider_id = ?')
    .get(providerId) as
    { phone: string; user_id: string | null; attributed_by: string | null } | undefined
  if ('reply' in expected)
    got.reply = inbound
      ? ((inbound.attributed_by ?? 'unattributed') as Expected['reply'])
      : undefined
  if ('inboundWho' in expected)
    got.inboundWho = inbound ? [inbound.phone, inbound.user_id] : undefined
  const summary = await t.call('stats.summary', { campaignId })
  if ('replied' in expected) got.replied = summary.replied
  if ('clicked' in expected) got.clicked = summary.clicked
  if ('landingPageViews' in expected) got.landingPageViews = summary.landingPageViews
  if ('actions' in expected)
    got.actions = db
      .prepare(
        `SELECT kind, business_phone AS number, date(at / 1000, 'unixepoch') AS day,
           COUNT(campaign_id) AS campaign, COUNT(message_id) AS user
         FROM marketing_action WHERE provider_id = ? GROUP BY kind, number, day`
      )
      .all(providerId) as Expected['actions']
  if ('reacted' in expected) got.reacted = summary.reacted
  if ('optedOutStat' in expected) got.optedOutStat = summary.optedOut
  if ('optedOut' in expected)
    got.optedOut = (
      db
        .prepare('SELECT subject FROM contact_opt_out WHERE stopped = 1 AND subject = ?')
        .all(first?.phone ?? '') as {
        subject: string
      }[]
    ).map((r) => r.subject)
  const health = await t.call('callbacks.health', { providerId })
  if ('ignored' in expected) got.ignored = health.ignored
  if ('unmatched' in expected) got.unmatched = health.unmatched
  expect(health.rejected).toEqual({})
  if (expected.identity) {
    const who = db
      .prepare('SELECT phone FROM user_identity WHERE user_id = ?')
      .get(expected.identity[0]) as { phone: string | null } | undefined
    got.identity = who ? [expected.identity[0], who.phone] : undefined
  }
  if (expected.alias) {
    const alias = db
      .prepare('SELECT alias, provider_message_id FROM message_alias WHERE provider_id = ?')
      .get(providerId) as { alias: string; provider_message_id: string } | undefined
    got.alias = alias ? [alias.alias, alias.provider_message_id] : undefined
  }
  return got
}
