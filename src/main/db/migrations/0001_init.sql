-- Core schema shared by every domain. Times are Unix epoch milliseconds (INTEGER).
-- Released migrations are append-only: never edit this file, add a new numbered one.

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE contact (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,            -- E.164
  name TEXT,
  properties TEXT NOT NULL DEFAULT '{}', -- JSON object of string values
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contact_by_name ON contact(name);

CREATE TABLE contact_event (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  at INTEGER NOT NULL,
  revenue REAL,
  properties TEXT NOT NULL DEFAULT '{}',
  source TEXT NOT NULL,                  -- import | api | sandbox | demo
  created_at INTEGER NOT NULL
);
CREATE INDEX contact_event_by_contact ON contact_event(contact_id, event, at);
CREATE INDEX contact_event_by_event ON contact_event(event, at);

CREATE TABLE provider (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('meta', 'twilio', 'gupshup', 'infobip', 'sandbox')),
  name TEXT NOT NULL,
  public_config TEXT NOT NULL DEFAULT '{}', -- JSON, no secrets
  secret_config BLOB,                       -- encrypted JSON of the secret fields
  callback_token TEXT NOT NULL UNIQUE,      -- unguessable path token of the callback URL
  rate_per_second REAL NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE campaign (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  provider_id TEXT NOT NULL REFERENCES provider(id),
  draft TEXT NOT NULL,                   -- JSON of the campaigns.create input
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  paused_reason TEXT,
  scheduled_at INTEGER,
  launched_at INTEGER,
  completed_at INTEGER,
  qualified INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One row per qualified user of a launched campaign: control and target alike.
CREATE TABLE message (
  id INTEGER PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact(id),
  phone TEXT NOT NULL,
  grp TEXT NOT NULL CHECK (grp IN ('target', 'control')),
  seq INTEGER NOT NULL,                  -- stable dispatch order within the campaign
  our_id TEXT NOT NULL UNIQUE,           -- echoed back by providers to match callbacks
  params TEXT,                           -- JSON array of filled template parameters
  -- dispatch lifecycle: control | queued | in_flight | sent | error | unknown
  dispatch_state TEXT NOT NULL,
  dispatch_error TEXT,                   -- timeout | auth_failed | rate_limited | invalid_request | provider_error | network | campaign_limit | cancelled
  provider_code TEXT,                    -- the provider's own code for a dispatch error
  provider_error TEXT,                   -- the provider's own message for a dispatch error
  attempts INTEGER NOT NULL DEFAULT 0,
  set_aside_at INTEGER,                  -- control users: notional send time
  dispatched_at INTEGER,                 -- when the request left (in_flight) or the error was final
  provider_message_id TEXT,
  sent_at INTEGER,                       -- accepted by the provider
  -- delivery state from callbacks: NULL (awaiting report) | sent | delivered | read | failed
  status TEXT,
  status_sent_at INTEGER,
  delivered_at INTEGER,
  read_at INTEGER,
  failed_at INTEGER,
  failure_code TEXT,
  failure_title TEXT,
  first_reply_at INTEGER,
  reply_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, contact_id),
  UNIQUE (campaign_id, seq)
);
CREATE INDEX message_by_provider_id ON message(provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX message_by_dispatch ON message(campaign_id, dispatch_state, seq);
CREATE INDEX message_by_phone ON message(phone, sent_at);
