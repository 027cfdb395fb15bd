-- Cost and return (spec §6, issue #14): Meta's rate card, per-account pricing settings, the pricing
-- Meta reports on each status, and a small tally per campaign × recipient prefix × category × kind
-- so `stats.cost` never scans messages. Every table here is written by src/main/pricing only
-- (cost_tally by the triggers below, and by nothing else).

-- One row per market and currency of Meta's published rate card (prices per delivered message).
CREATE TABLE rate_card (
  market TEXT NOT NULL,
  currency TEXT NOT NULL,
  marketing REAL,
  utility REAL,
  authentication REAL,
  authentication_international REAL,
  service REAL,
  PRIMARY KEY (market, currency)
) WITHOUT ROWID;

-- When the loaded card was imported (the last import replaces the whole card).
CREATE TABLE rate_card_import (
  id INTEGER PRIMARY KEY,
  imported_at INTEGER NOT NULL,
  markets INTEGER NOT NULL,
  rows INTEGER NOT NULL
);

-- Per provider account: the currency its cost is shown in, a BSP's own fee per priced message,
-- and (Meta only) whether marketing templates go through the Marketing Messages API.
CREATE TABLE provider_pricing (
  provider_id TEXT PRIMARY KEY REFERENCES provider(id) ON DELETE CASCADE,
  currency TEXT NOT NULL DEFAULT 'USD',
  fee_per_message REAL NOT NULL DEFAULT 0,
  marketing_messages_api INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

-- The first pricing object a provider reported for a message (Meta `pricing` + `conversation`).
-- Later statuses repeat it; the first one seen wins, so duplicates change nothing.
CREATE TABLE message_pricing (
  message_id INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
  campaign_id TEXT NOT NULL,
  category TEXT NOT NULL,               -- marketing | utility | authentication | … | unknown
  type TEXT,                            -- regular | free_customer_service | free_entry_point | …
  billable INTEGER,                     -- the (deprecated) flag as sent, NULL when absent
  pricing_model TEXT,                   -- PMP | CBP
  counted_as TEXT NOT NULL CHECK (counted_as IN ('billable', 'free')),
  conversation_id TEXT,
  conversation_origin TEXT,
  conversation_expires_at INTEGER,
  at INTEGER NOT NULL,                  -- provider timestamp of the status that carried it
  inbox_id INTEGER
);

-- kind: billable | free (from message_pricing) | delivered (every delivered message, for estimates
-- where the provider reports no pricing). prefix = the first four digits after '+' of the phone:
-- enough to resolve any country calling code, including NANP area codes and +7 splits.
CREATE TABLE cost_tally (
  campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  prefix TEXT NOT NULL,
  category TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, kind, prefix, category)
) WITHOUT ROWID;

CREATE TRIGGER cost_tally_pricing_insert AFTER INSERT ON message_pricing
BEGIN
  INSERT INTO cost_tally (campaign_id, prefix, category, kind, n)
  SELECT NEW.campaign_id, substr(m.phone, 2, 4), NEW.category, NEW.counted_as, 1
  FROM message m WHERE m.id = NEW.message_id
  ON CONFLICT (campaign_id, kind, prefix, category) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER cost_tally_pricing_delete AFTER DELETE ON message_pricing
BEGIN
  UPDATE cost_tally SET n = n - 1
  WHERE campaign_id = OLD.campaign_id AND kind = OLD.counted_as AND category = OLD.category
    AND prefix = (SELECT substr(phone, 2, 4) FROM message WHERE id = OLD.message_id);
END;

CREATE TRIGGER cost_tally_delivered_insert AFTER INSERT ON message
WHEN NEW.delivered_at IS NOT NULL AND NEW.dispatch_state = 'sent'
BEGIN
  INSERT INTO cost_tally (campaign_id, prefix, category, kind, n)
  VALUES (NEW.campaign_id, substr(NEW.phone, 2, 4), '', 'delivered', 1)
  ON CONFLICT (campaign_id, kind, prefix, category) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER cost_tally_delivered_update AFTER UPDATE OF delivered_at, dispatch_state ON message
WHEN (OLD.delivered_at IS NOT NULL AND OLD.dispatch_state = 'sent')
  IS NOT (NEW.delivered_at IS NOT NULL AND NEW.dispatch_state = 'sent')
BEGIN
  INSERT INTO cost_tally (campaign_id, prefix, category, kind, n)
  VALUES (NEW.campaign_id, substr(NEW.phone, 2, 4), '', 'delivered',
    CASE WHEN NEW.delivered_at IS NOT NULL AND NEW.dispatch_state = 'sent' THEN 1 ELSE -1 END)
  ON CONFLICT (campaign_id, kind, prefix, category) DO UPDATE SET n = n + excluded.n;
END;

-- Campaigns that existed before this migration.
INSERT INTO cost_tally (campaign_id, prefix, category, kind, n)
SELECT campaign_id, substr(phone, 2, 4), '', 'delivered', COUNT(*) FROM message
WHERE delivered_at IS NOT NULL AND dispatch_state = 'sent' GROUP BY 1, 2;

-- Marketing Messages API (Meta): the send response's message_status per message, and clicks and
-- landing page views from its webhooks.
CREATE TABLE marketing_send (
  message_id INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
  campaign_id TEXT NOT NULL,
  message_status TEXT NOT NULL,         -- accepted | held_for_quality_assessment | …
  at INTEGER NOT NULL
);

-- Sends per campaign and message_status (kept by the trigger: stats read a few rows).
CREATE TABLE marketing_send_tally (
  campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  message_status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, message_status)
) WITHOUT ROWID;

CREATE TRIGGER marketing_send_tally_insert AFTER INSERT ON marketing_send
BEGIN
  INSERT INTO marketing_send_tally (campaign_id, message_status, n)
  VALUES (NEW.campaign_id, NEW.message_status, 1)
  ON CONFLICT (campaign_id, message_status) DO UPDATE SET n = n + 1;
END;

-- Every click / landing page view webhook item once (dedupe on the provider's keys).
CREATE TABLE marketing_action (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('click', 'landing_page_view')),
  dedupe_key TEXT NOT NULL,
  click_id TEXT,
  tracking_token TEXT,
  component TEXT,
  product_id TEXT,
  message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
  campaign_id TEXT,
  at INTEGER NOT NULL,
  inbox_id INTEGER,
  UNIQUE (provider_id, kind, dedupe_key)
);
CREATE INDEX marketing_action_by_campaign ON marketing_action(campaign_id, kind, message_id);

-- Per campaign: distinct clicking target users and landing page views (kept by the action writer).
CREATE TABLE marketing_tally (
  campaign_id TEXT PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
  clicked INTEGER NOT NULL DEFAULT 0,
  landing_page_views INTEGER NOT NULL DEFAULT 0
);

-- Click webhooks that changed nothing, per provider: duplicates and unattributable ones.
CREATE TABLE marketing_action_ignored (
  provider_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (provider_id, reason)
) WITHOUT ROWID;
