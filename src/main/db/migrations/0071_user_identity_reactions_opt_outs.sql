-- Issue #10: who a user is beyond the phone, reactions, marketing opt-outs, provider id aliases.
-- Each table has one writer (src/main/callbacks/apply*.ts); per-campaign numbers (reacted,
-- optedOut) are counted from these tables through partial indexes at read time.

-- Business-scoped user ids (BSUID, `CC.digits`) seen in webhooks, with the phone and contact
-- they were seen with (a status of our own message, or an inbound message that showed both).
CREATE TABLE user_identity (
  user_id TEXT PRIMARY KEY,
  parent_user_id TEXT,
  username TEXT,
  phone TEXT,                            -- E.164, NULL while only the BSUID is known
  contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
  first_seen_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX user_identity_by_phone ON user_identity(phone) WHERE phone IS NOT NULL;
CREATE INDEX user_identity_by_contact ON user_identity(contact_id) WHERE contact_id IS NOT NULL;

-- Inbound messages from a user who showed no phone keep the BSUID here (phone is then '').
ALTER TABLE inbound_message ADD COLUMN user_id TEXT;

-- Reactions (not replies), deduplicated by the reaction's own provider id. emoji '' = removed.
CREATE TABLE inbound_reaction (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  provider_message_id TEXT NOT NULL,
  reacted_provider_message_id TEXT NOT NULL,
  emoji TEXT NOT NULL,
  at INTEGER NOT NULL,
  phone TEXT,
  user_id TEXT,
  message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
  campaign_id TEXT,
  received_at INTEGER NOT NULL,
  UNIQUE (provider_id, provider_message_id)
);
CREATE INDEX inbound_reaction_reacted ON inbound_reaction(campaign_id, message_id)
  WHERE message_id IS NOT NULL AND emoji != '';

-- Every marketing opt-out signal: Meta user_preferences (stop/resume), a 131050 failure, an
-- opt-out keyword reply. message_id/campaign_id: the campaign message it is attributed to
-- (never for 131050: the user had stopped before this campaign's message).
CREATE TABLE opt_out_event (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('user_preferences', 'keyword', 'error_131050')),
  value TEXT NOT NULL CHECK (value IN ('stop', 'resume')),
  at INTEGER NOT NULL,
  phone TEXT,
  user_id TEXT,
  detail TEXT,
  dedupe_key TEXT NOT NULL,
  message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
  campaign_id TEXT,
  received_at INTEGER NOT NULL,
  UNIQUE (provider_id, dedupe_key)
);
CREATE INDEX opt_out_event_stopped ON opt_out_event(campaign_id, message_id)
  WHERE message_id IS NOT NULL AND value = 'stop' AND source != 'error_131050';
CREATE INDEX opt_out_event_by_time ON opt_out_event(at);

-- Current opt-out state per user (phone, or `bsuid:<id>` while no phone is known): the latest
-- signal by provider time wins, so arrival order does not matter. Audiences leave out stopped = 1.
CREATE TABLE contact_opt_out (
  subject TEXT PRIMARY KEY,
  stopped INTEGER NOT NULL,
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  user_id TEXT
) WITHOUT ROWID;

-- Other ids a provider uses for a message we sent (Gupshup's WhatsApp id announced in the
-- `enqueued` event, which MM Lite and late reports carry instead of Gupshup's own id).
CREATE TABLE message_alias (
  provider_id TEXT NOT NULL,
  alias TEXT NOT NULL,
  provider_message_id TEXT NOT NULL,
  PRIMARY KEY (provider_id, alias)
) WITHOUT ROWID;
