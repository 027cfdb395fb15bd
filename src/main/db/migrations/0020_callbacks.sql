-- Callback ingestion (issue #4): durable inbox, bounded diagnostics, per-message status log,
-- inbound messages (replies). Times are Unix epoch milliseconds.

-- Every accepted provider callback, committed before its 2xx is sent. The processor applies the
-- normalised events to message state afterwards; processed_at NULL means not applied yet.
CREATE TABLE callback_inbox (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  raw_body BLOB NOT NULL,                -- the bytes as received (audit, re-parse)
  events TEXT NOT NULL,                  -- JSON array of normalised StatusEvent / InboundEvent
  processed_at INTEGER,
  error TEXT                             -- why applying failed; the row is kept, not retried forever
);
CREATE INDEX callback_inbox_pending ON callback_inbox(id) WHERE processed_at IS NULL;

-- Counters per provider and reason ('received' or a refusal reason). provider_id is '' when the
-- path named no known provider, so a flood of made-up ids cannot grow this table.
CREATE TABLE callback_counter (
  provider_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (provider_id, reason)
) WITHOUT ROWID;

-- The latest refused requests (pruned to a fixed number of rows) with their reason.
CREATE TABLE callback_rejection (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,                    -- with the token redacted
  status INTEGER NOT NULL,               -- the HTTP status we answered
  detail TEXT,
  body_excerpt TEXT
);

-- Callbacks applied per campaign (health per campaign).
CREATE TABLE callback_campaign_counter (
  campaign_id TEXT PRIMARY KEY,
  received INTEGER NOT NULL,
  last_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Every status a message received, one row per status with the earliest provider timestamp seen,
-- so the message's delivery columns are a pure function of this set (order-independent).
-- A failure stays here even when a later delivered/read wins on the message row.
CREATE TABLE message_status_log (
  message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  at INTEGER NOT NULL,
  error_code TEXT,
  error_title TEXT,
  error_detail TEXT,
  inbox_id INTEGER,
  PRIMARY KEY (message_id, status)
) WITHOUT ROWID;

-- Statuses whose message could not be found (yet): kept, counted, retried for a while because a
-- callback can overtake the send response that stores the provider id.
CREATE TABLE callback_unmatched (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  inbox_id INTEGER NOT NULL,
  provider_message_id TEXT,
  our_id TEXT,
  event TEXT NOT NULL,                   -- JSON of the normalised status event
  received_at INTEGER NOT NULL,
  resolved_at INTEGER
);
CREATE INDEX callback_unmatched_open ON callback_unmatched(provider_id, received_at)
  WHERE resolved_at IS NULL;

-- Inbound messages (replies and strangers' messages), deduplicated by provider message id.
-- message_id NULL = unattributed.
CREATE TABLE inbound_message (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  provider_message_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  at INTEGER NOT NULL,
  text TEXT,
  quoted_provider_message_id TEXT,
  message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
  campaign_id TEXT,
  attributed_by TEXT CHECK (attributed_by IN ('quote', 'last_sent')),
  received_at INTEGER NOT NULL,
  UNIQUE (provider_id, provider_message_id)
);
CREATE INDEX inbound_by_message ON inbound_message(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_unattributed ON inbound_message(provider_id) WHERE message_id IS NULL;

-- Health: sent messages still awaiting any report, and the median sent→delivered time.
CREATE INDEX message_awaiting_report ON message(campaign_id, sent_at)
  WHERE status IS NULL AND dispatch_state = 'sent';
CREATE INDEX message_delivery_ms ON message(campaign_id, (delivered_at - sent_at))
  WHERE delivered_at IS NOT NULL AND sent_at IS NOT NULL;
