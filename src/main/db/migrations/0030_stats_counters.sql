-- Campaign stats kept current by triggers, so every stats view reads a few dozen counter rows
-- instead of scanning a million messages. `src/main/stats/rebuild.ts` recomputes the same
-- counters in one pass (bulk loads, upgrades); a test checks both give identical rows.

-- The conversion goal of each campaign, copied from its draft JSON so SQL triggers can use it.
CREATE TABLE stats_goal (
  campaign_id TEXT PRIMARY KEY,
  event TEXT NOT NULL,
  window_ms INTEGER NOT NULL,
  revenue_property TEXT                  -- NULL: contact_event.revenue, else a key of properties
) WITHOUT ROWID;
CREATE INDEX stats_goal_by_event ON stats_goal(event);

-- Per-campaign counters. Keys: qualified, grp:<grp>, ds:<dispatch_state>, derr:<reason>,
-- st:<status|awaiting> (sent rows), delivered, ferr:<failure code|unknown>, replied, replies,
-- conv:<grp>, rev:<grp> (revenue in micro-units, so sums stay exact whatever the order).
CREATE TABLE stats_counter (
  campaign_id TEXT NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, key)
) WITHOUT ROWID;

-- Trend counts per 15-minute UTC bucket (epoch ms / 900000): every real zone offset is a whole
-- number of quarter hours, so any zone's day, ISO week and month is a sum of whole buckets.
CREATE TABLE stats_trend (
  campaign_id TEXT NOT NULL,
  metric TEXT NOT NULL,                  -- sent | delivered | viewed | replied | converted
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, metric, bucket)
) WITHOUT ROWID;

-- Campaigns whose counters are not maintained by the triggers right now (bulk load in progress,
-- or rows written before this migration): the stats engine rebuilds them before reading.
CREATE TABLE stats_suspended (campaign_id TEXT PRIMARY KEY) WITHOUT ROWID;

-- Per user: converted when a goal event falls inside [anchor, anchor + window], anchor = sent_at
-- (target, sent) or set_aside_at (control). converted_at = first such event; revenue sums them all.
CREATE TABLE message_conversion (
  message_id INTEGER PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  grp TEXT NOT NULL,
  converted_at INTEGER NOT NULL,
  revenue_micros INTEGER NOT NULL,
  events INTEGER NOT NULL
);
CREATE INDEX message_conversion_by_campaign ON message_conversion(campaign_id, grp);

-- Messages whose conversion must be recomputed (an event or the message changed); drained lazily,
-- in small chunks, by the next stats call.
CREATE TABLE stats_conversion_dirty (
  message_id INTEGER PRIMARY KEY,
  campaign_id TEXT NOT NULL
);
CREATE INDEX stats_conversion_dirty_by_campaign ON stats_conversion_dirty(campaign_id);

-- Drill-down of error groups: small partial indexes, only error rows are in them.
CREATE INDEX message_failed_by_code ON message(campaign_id, failure_code, failed_at)
  WHERE dispatch_state = 'sent' AND status = 'failed';
CREATE INDEX message_failed_by_time ON message(campaign_id, failed_at)
  WHERE dispatch_state = 'sent' AND status = 'failed';
CREATE INDEX message_dispatch_error_by_code ON message(campaign_id, dispatch_error, dispatched_at)
  WHERE dispatch_state = 'error';
CREATE INDEX message_dispatch_error_by_time ON message(campaign_id, dispatched_at)
  WHERE dispatch_state = 'error';

-- Goal from the draft JSON ('revenue' means the event's own revenue column).
CREATE TRIGGER campaign_goal_insert AFTER INSERT ON campaign
WHEN json_valid(NEW.draft) AND json_extract(NEW.draft, '$.conversion.event') IS NOT NULL
BEGIN
  INSERT OR REPLACE INTO stats_goal (campaign_id, event, window_ms, revenue_property)
  VALUES (NEW.id, json_extract(NEW.draft, '$.conversion.event'),
    CAST(ROUND(COALESCE(json_extract(NEW.draft, '$.conversion.windowHours'), 0) * 3600000) AS INTEGER),
    NULLIF(json_extract(NEW.draft, '$.conversion.revenueProperty'), 'revenue'));
END;

CREATE TRIGGER campaign_goal_update AFTER UPDATE OF draft ON campaign
WHEN OLD.draft IS NOT NEW.draft
BEGIN
  DELETE FROM stats_goal WHERE campaign_id = NEW.id;
  INSERT INTO stats_goal (campaign_id, event, window_ms, revenue_property)
  SELECT NEW.id, json_extract(NEW.draft, '$.conversion.event'),
    CAST(ROUND(COALESCE(json_extract(NEW.draft, '$.conversion.windowHours'), 0) * 3600000) AS INTEGER),
    NULLIF(json_extract(NEW.draft, '$.conversion.revenueProperty'), 'revenue')
  WHERE json_valid(NEW.draft) AND json_extract(NEW.draft, '$.conversion.event') IS NOT NULL;
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT id, campaign_id FROM message WHERE campaign_id = NEW.id;
END;

CREATE TRIGGER campaign_stats_delete AFTER DELETE ON campaign
BEGIN
  DELETE FROM stats_goal WHERE campaign_id = OLD.id;
  DELETE FROM stats_counter WHERE campaign_id = OLD.id;
  DELETE FROM stats_trend WHERE campaign_id = OLD.id;
  DELETE FROM stats_suspended WHERE campaign_id = OLD.id;
  DELETE FROM message_conversion WHERE campaign_id = OLD.id;
  DELETE FROM stats_conversion_dirty WHERE campaign_id = OLD.id;
END;

CREATE TRIGGER message_stats_insert AFTER INSERT ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = NEW.campaign_id)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT NEW.campaign_id, k, SUM(d) FROM (
    SELECT 'qualified' AS k, 1 AS d
    UNION ALL SELECT 'grp:' || NEW.grp, 1
    UNION ALL SELECT 'ds:' || NEW.dispatch_state, 1
    UNION ALL SELECT 'derr:' || COALESCE(NEW.dispatch_error, 'provider_error'), 1 WHERE NEW.dispatch_state = 'error'
    UNION ALL SELECT 'st:' || COALESCE(NEW.status, 'awaiting'), 1 WHERE NEW.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', 1 WHERE NEW.dispatch_state = 'sent' AND NEW.status IN ('delivered', 'read')
    UNION ALL SELECT 'ferr:' || COALESCE(NEW.failure_code, 'unknown'), 1 WHERE NEW.dispatch_state = 'sent' AND NEW.status = 'failed'
    UNION ALL SELECT 'replied', 1 WHERE NEW.grp = 'target' AND NEW.reply_count > 0
    UNION ALL SELECT 'replies', NEW.reply_count WHERE NEW.grp = 'target' AND NEW.reply_count > 0
  ) WHERE true GROUP BY k
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;

  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT NEW.campaign_id, metric, bucket, SUM(d) FROM (
    SELECT 'sent' AS metric, CAST(COALESCE(NEW.sent_at, NEW.dispatched_at, 0) / 900000 AS INTEGER) AS bucket, 1 AS d
      WHERE NEW.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', CAST(COALESCE(NEW.delivered_at, NEW.read_at, NEW.sent_at, 0) / 900000 AS INTEGER), 1
      WHERE NEW.dispatch_state = 'sent' AND NEW.status IN ('delivered', 'read')
    UNION ALL SELECT 'viewed', CAST(COALESCE(NEW.read_at, NEW.delivered_at, NEW.sent_at, 0) / 900000 AS INTEGER), 1
      WHERE NEW.dispatch_state = 'sent' AND NEW.status = 'read'
    UNION ALL SELECT 'replied', CAST(COALESCE(NEW.first_reply_at, NEW.sent_at, 0) / 900000 AS INTEGER), 1
      WHERE NEW.grp = 'target' AND NEW.reply_count > 0
  ) WHERE true GROUP BY metric, bucket
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;

  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT NEW.id, NEW.campaign_id
  WHERE (NEW.grp = 'control' OR NEW.dispatch_state = 'sent')
    AND EXISTS (SELECT 1 FROM stats_goal WHERE campaign_id = NEW.campaign_id);
END;

CREATE TRIGGER message_stats_update AFTER UPDATE OF
  grp, dispatch_state, dispatch_error, status, failure_code, reply_count,
  sent_at, dispatched_at, delivered_at, read_at, first_reply_at, set_aside_at ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = NEW.campaign_id)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT NEW.campaign_id, k, SUM(d) FROM (
    SELECT 'grp:' || NEW.grp AS k, 1 AS d
    UNION ALL SELECT 'ds:' || NEW.dispatch_state, 1
    UNION ALL SELECT 'derr:' || COALESCE(NEW.dispatch_error, 'provider_error'), 1 WHERE NEW.dispatch_state = 'error'
    UNION ALL SELECT 'st:' || COALESCE(NEW.status, 'awaiting'), 1 WHERE NEW.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', 1 WHERE NEW.dispatch_state = 'sent' AND NEW.status IN ('delivered', 'read')
    UNION ALL SELECT 'ferr:' || COALESCE(NEW.failure_code, 'unknown'), 1 WHERE NEW.dispatch_state = 'sent' AND NEW.status = 'failed'
    UNION ALL SELECT 'replied', 1 WHERE NEW.grp = 'target' AND NEW.reply_count > 0
    UNION ALL SELECT 'replies', NEW.reply_count WHERE NEW.grp = 'target' AND NEW.reply_count > 0
    UNION ALL SELECT 'grp:' || OLD.grp, -1
    UNION ALL SELECT 'ds:' || OLD.dispatch_state, -1
    UNION ALL SELECT 'derr:' || COALESCE(OLD.dispatch_error, 'provider_error'), -1 WHERE OLD.dispatch_state = 'error'
    UNION ALL SELECT 'st:' || COALESCE(OLD.status, 'awaiting'), -1 WHERE OLD.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', -1 WHERE OLD.dispatch_state = 'sent' AND OLD.status IN ('delivered', 'read')
    UNION ALL SELECT 'ferr:' || COALESCE(OLD.failure_code, 'unknown'), -1 WHERE OLD.dispatch_state = 'sent' AND OLD.status = 'failed'
    UNION ALL SELECT 'replied', -1 WHERE OLD.grp = 'target' AND OLD.reply_count > 0
    UNION ALL SELECT 'replies', -OLD.reply_count WHERE OLD.grp = 'target' AND OLD.reply_count > 0
  ) WHERE true GROUP BY k HAVING SUM(d) <> 0
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;

  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT NEW.campaign_id, metric, bucket, SUM(d) FROM (
    SELECT 'sent' AS metric, CAST(COALESCE(NEW.sent_at, NEW.dispatched_at, 0) / 900000 AS INTEGER) AS bucket, 1 AS d
      WHERE NEW.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', CAST(COALESCE(NEW.delivered_at, NEW.read_at, NEW.sent_at, 0) / 900000 AS INTEGER), 1
      WHERE NEW.dispatch_state = 'sent' AND NEW.status IN ('delivered', 'read')
    UNION ALL SELECT 'viewed', CAST(COALESCE(NEW.read_at, NEW.delivered_at, NEW.sent_at, 0) / 900000 AS INTEGER), 1
      WHERE NEW.dispatch_state = 'sent' AND NEW.status = 'read'
    UNION ALL SELECT 'replied', CAST(COALESCE(NEW.first_reply_at, NEW.sent_at, 0) / 900000 AS INTEGER), 1
      WHERE NEW.grp = 'target' AND NEW.reply_count > 0
    UNION ALL SELECT 'sent', CAST(COALESCE(OLD.sent_at, OLD.dispatched_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', CAST(COALESCE(OLD.delivered_at, OLD.read_at, OLD.sent_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.dispatch_state = 'sent' AND OLD.status IN ('delivered', 'read')
    UNION ALL SELECT 'viewed', CAST(COALESCE(OLD.read_at, OLD.delivered_at, OLD.sent_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.dispatch_state = 'sent' AND OLD.status = 'read'
    UNION ALL SELECT 'replied', CAST(COALESCE(OLD.first_reply_at, OLD.sent_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.grp = 'target' AND OLD.reply_count > 0
  ) WHERE true GROUP BY metric, bucket HAVING SUM(d) <> 0
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;

  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT NEW.id, NEW.campaign_id
  WHERE (OLD.grp IS NOT NEW.grp OR OLD.dispatch_state IS NOT NEW.dispatch_state
      OR OLD.sent_at IS NOT NEW.sent_at OR OLD.set_aside_at IS NOT NEW.set_aside_at)
    AND EXISTS (SELECT 1 FROM stats_goal WHERE campaign_id = NEW.campaign_id);
END;

CREATE TRIGGER message_stats_delete AFTER DELETE ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = OLD.campaign_id)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT OLD.campaign_id, k, SUM(d) FROM (
    SELECT 'qualified' AS k, -1 AS d
    UNION ALL SELECT 'grp:' || OLD.grp, -1
    UNION ALL SELECT 'ds:' || OLD.dispatch_state, -1
    UNION ALL SELECT 'derr:' || COALESCE(OLD.dispatch_error, 'provider_error'), -1 WHERE OLD.dispatch_state = 'error'
    UNION ALL SELECT 'st:' || COALESCE(OLD.status, 'awaiting'), -1 WHERE OLD.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', -1 WHERE OLD.dispatch_state = 'sent' AND OLD.status IN ('delivered', 'read')
    UNION ALL SELECT 'ferr:' || COALESCE(OLD.failure_code, 'unknown'), -1 WHERE OLD.dispatch_state = 'sent' AND OLD.status = 'failed'
    UNION ALL SELECT 'replied', -1 WHERE OLD.grp = 'target' AND OLD.reply_count > 0
    UNION ALL SELECT 'replies', -OLD.reply_count WHERE OLD.grp = 'target' AND OLD.reply_count > 0
  ) WHERE true GROUP BY k
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;

  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT OLD.campaign_id, metric, bucket, SUM(d) FROM (
    SELECT 'sent' AS metric, CAST(COALESCE(OLD.sent_at, OLD.dispatched_at, 0) / 900000 AS INTEGER) AS bucket, -1 AS d
      WHERE OLD.dispatch_state = 'sent'
    UNION ALL SELECT 'delivered', CAST(COALESCE(OLD.delivered_at, OLD.read_at, OLD.sent_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.dispatch_state = 'sent' AND OLD.status IN ('delivered', 'read')
    UNION ALL SELECT 'viewed', CAST(COALESCE(OLD.read_at, OLD.delivered_at, OLD.sent_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.dispatch_state = 'sent' AND OLD.status = 'read'
    UNION ALL SELECT 'replied', CAST(COALESCE(OLD.first_reply_at, OLD.sent_at, 0) / 900000 AS INTEGER), -1
      WHERE OLD.grp = 'target' AND OLD.reply_count > 0
  ) WHERE true GROUP BY metric, bucket
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;

  DELETE FROM message_conversion WHERE message_id = OLD.id;
  DELETE FROM stats_conversion_dirty WHERE message_id = OLD.id;
END;

-- Conversion rows feed the conv/rev counters and the converted trend (target users only).
CREATE TRIGGER message_conversion_insert AFTER INSERT ON message_conversion
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = NEW.campaign_id)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n) VALUES
    (NEW.campaign_id, 'conv:' || NEW.grp, 1), (NEW.campaign_id, 'rev:' || NEW.grp, NEW.revenue_micros)
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT NEW.campaign_id, 'converted', CAST(NEW.converted_at / 900000 AS INTEGER), 1
  WHERE NEW.grp = 'target'
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER message_conversion_delete AFTER DELETE ON message_conversion
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended WHERE campaign_id = OLD.campaign_id)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n) VALUES
    (OLD.campaign_id, 'conv:' || OLD.grp, -1), (OLD.campaign_id, 'rev:' || OLD.grp, -OLD.revenue_micros)
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT OLD.campaign_id, 'converted', CAST(OLD.converted_at / 900000 AS INTEGER), -1
  WHERE OLD.grp = 'target'
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
END;

-- A goal event (new, changed or removed) may change the conversion of that contact's messages
-- whose window it falls in.
CREATE TRIGGER contact_event_stats_insert AFTER INSERT ON contact_event
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT m.id, m.campaign_id FROM stats_goal g
  JOIN message m ON m.campaign_id = g.campaign_id AND m.contact_id = NEW.contact_id
  WHERE g.event = NEW.event
    AND NEW.at >= CASE m.grp WHEN 'control' THEN m.set_aside_at ELSE m.sent_at END
    AND NEW.at <= CASE m.grp WHEN 'control' THEN m.set_aside_at ELSE m.sent_at END + g.window_ms
    AND NOT EXISTS (SELECT 1 FROM stats_suspended s WHERE s.campaign_id = m.campaign_id);
END;

CREATE TRIGGER contact_event_stats_delete AFTER DELETE ON contact_event
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT m.id, m.campaign_id FROM stats_goal g
  JOIN message m ON m.campaign_id = g.campaign_id AND m.contact_id = OLD.contact_id
  WHERE g.event = OLD.event
    AND NOT EXISTS (SELECT 1 FROM stats_suspended s WHERE s.campaign_id = m.campaign_id);
END;

CREATE TRIGGER contact_event_stats_update AFTER UPDATE OF contact_id, event, at, revenue, properties
  ON contact_event
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT m.id, m.campaign_id FROM stats_goal g
  JOIN message m ON m.campaign_id = g.campaign_id AND m.contact_id IN (OLD.contact_id, NEW.contact_id)
  WHERE g.event IN (OLD.event, NEW.event)
    AND NOT EXISTS (SELECT 1 FROM stats_suspended s WHERE s.campaign_id = m.campaign_id);
END;

-- Data written before this migration: the stats engine rebuilds these campaigns on first read.
INSERT INTO stats_goal (campaign_id, event, window_ms, revenue_property)
SELECT id, json_extract(draft, '$.conversion.event'),
  CAST(ROUND(COALESCE(json_extract(draft, '$.conversion.windowHours'), 0) * 3600000) AS INTEGER),
  NULLIF(json_extract(draft, '$.conversion.revenueProperty'), 'revenue')
FROM campaign WHERE json_valid(draft) AND json_extract(draft, '$.conversion.event') IS NOT NULL;
INSERT INTO stats_suspended (campaign_id) SELECT DISTINCT campaign_id FROM message;
