-- The provider's own records, a second source beside callbacks (issue #19, spec §6 "The provider's
-- own numbers").

-- Where a status came from: a provider callback, or a lookup of the provider's own record of a
-- message whose report never came (Twilio's Message resource, Infobip's report pull).
ALTER TABLE message_status_log ADD COLUMN source TEXT NOT NULL DEFAULT 'callback'
  CHECK (source IN ('callback', 'lookup'));

-- Per campaign: messages awaiting a report whose state a lookup filled (callbacks.health.reconciled).
CREATE TABLE lookup_counter (
  campaign_id TEXT PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
  filled INTEGER NOT NULL DEFAULT 0,
  last_at INTEGER NOT NULL
);

-- The provider's template analytics, one row per template and day as the provider reported it,
-- with the time fetched. Never written into message states: shown beside ours.
CREATE TABLE provider_template_day (
  provider_id TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  template_id TEXT NOT NULL,             -- the provider's own template id
  day TEXT NOT NULL,                     -- YYYY-MM-DD of the bucket in the provider's time zone
  starts_at INTEGER NOT NULL,            -- the bucket's start and end as the provider gave them (ms)
  ends_at INTEGER NOT NULL,
  sent INTEGER,
  delivered INTEGER,
  read INTEGER,
  clicked INTEGER,                       -- all button clicks of the day (URL and quick reply)
  url_clicked INTEGER,                   -- the URL-button share of them
  clicks TEXT,                           -- JSON [{type, button_content, count}] as reported
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (provider_id, template_id, day)
) WITHOUT ROWID;

-- Every fetch of the provider's records: what it asked, what came back or why not (refused,
-- unreachable, not enabled, region not supported). A failed fetch is recorded, never fatal.
CREATE TABLE provider_fetch (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  campaign_id TEXT REFERENCES campaign(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('analytics', 'lookup')),
  trigger TEXT NOT NULL,                 -- demand | gap_closed | hourly | daily
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,                 -- ok | refused | unreachable | not_enabled | unsupported | rate_limited
  detail TEXT,
  fetched INTEGER NOT NULL DEFAULT 0,
  filled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX provider_fetch_by_campaign ON provider_fetch(campaign_id, at);

-- Marketing Messages API click webhooks name the business phone number only (metadata).
ALTER TABLE marketing_action ADD COLUMN business_phone TEXT;
