-- One definition of every stats counter. The views below derive, per message (or per conversion),
-- the counter keys, trend buckets and delivery-time bucket it contributes; the triggers add a
-- row's contributions after it is written and subtract them before it changes, and the paged
-- rebuild (`src/main/stats/rebuild.ts`) sums the same views. Key names: `src/main/stats/counterKeys.ts`.

-- The conversion goal lives in typed columns written from TypeScript (campaignRepo), not in
-- triggers reading the draft JSON. `stats_goal` stays as a view so readers keep one shape.
ALTER TABLE campaign ADD COLUMN goal_event TEXT;
ALTER TABLE campaign ADD COLUMN goal_window_ms INTEGER;
ALTER TABLE campaign ADD COLUMN goal_revenue_property TEXT; -- NULL: contact_event.revenue
UPDATE campaign SET goal_event = g.event, goal_window_ms = g.window_ms,
  goal_revenue_property = g.revenue_property
FROM stats_goal g WHERE g.campaign_id = campaign.id;

DROP TRIGGER campaign_goal_insert;
DROP TRIGGER campaign_goal_update;
DROP TRIGGER campaign_stats_delete;
DROP TRIGGER message_stats_insert;
DROP TRIGGER message_stats_update;
DROP TRIGGER message_stats_delete;
DROP TRIGGER message_conversion_insert;
DROP TRIGGER message_conversion_delete;
DROP TRIGGER contact_event_stats_insert;
DROP TRIGGER contact_event_stats_delete;
DROP TRIGGER contact_event_stats_update;
DROP TABLE stats_goal;

CREATE VIEW stats_goal AS
SELECT id AS campaign_id, goal_event AS event, goal_window_ms AS window_ms,
  goal_revenue_property AS revenue_property
FROM campaign WHERE goal_event IS NOT NULL;

-- A rebuild counts a suspended campaign's messages in id order: messages up to `counted_through`
-- are counted (the triggers keep them current), later ones wait for the rebuild's next page.
ALTER TABLE stats_suspended ADD COLUMN counted_through INTEGER NOT NULL DEFAULT 0;

-- Delivery-time histogram per campaign (callbacks.health median): log-scale buckets of
-- delivered_at - sent_at, 16 per doubling (each ±2.2% wide); bucket 0 holds times ≤ 1 ms.
-- It replaces the walk of every delivered message over the expression index below.
CREATE TABLE delivery_latency (
  campaign_id TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, bucket)
) WITHOUT ROWID;
DROP INDEX message_delivery_ms;

-- Slot i of a message yields its i-th possible counter key (NULL when it does not apply).
CREATE VIEW stats_message_delta AS
SELECT message_id, campaign_id, key, delta FROM (
  SELECT m.id AS message_id, m.campaign_id AS campaign_id,
    CASE s.slot
      WHEN 0 THEN 'qualified'
      WHEN 1 THEN 'grp:' || m.grp
      WHEN 2 THEN 'ds:' || m.dispatch_state
      WHEN 3 THEN CASE WHEN m.dispatch_state = 'error'
        THEN 'derr:' || COALESCE(m.dispatch_error, 'provider_error') END
      WHEN 4 THEN CASE WHEN m.dispatch_state = 'sent' THEN 'st:' || COALESCE(m.status, 'awaiting') END
      WHEN 5 THEN CASE WHEN m.dispatch_state = 'sent' AND m.status IN ('delivered', 'read')
        THEN 'delivered' END
      WHEN 6 THEN CASE WHEN m.dispatch_state = 'sent' AND m.status = 'failed'
        THEN 'ferr:' || COALESCE(m.failure_code, 'unknown') END
      WHEN 7 THEN CASE WHEN m.grp = 'target' AND m.reply_count > 0 THEN 'replied' END
      WHEN 8 THEN CASE WHEN m.grp = 'target' AND m.reply_count > 0 THEN 'replies' END
    END AS key,
    CASE s.slot WHEN 8 THEN m.reply_count ELSE 1 END AS delta
  FROM message m
  CROSS JOIN (SELECT value AS slot FROM json_each('[0,1,2,3,4,5,6,7,8]')) s
) WHERE key IS NOT NULL;

-- Trend metrics per 15-minute UTC bucket (epoch ms / 900000).
CREATE VIEW stats_message_trend AS
SELECT message_id, campaign_id, metric, bucket, 1 AS delta FROM (
  SELECT m.id AS message_id, m.campaign_id AS campaign_id,
    CASE s.slot
      WHEN 0 THEN CASE WHEN m.dispatch_state = 'sent' THEN 'sent' END
      WHEN 1 THEN CASE WHEN m.dispatch_state = 'sent' AND m.status IN ('delivered', 'read')
        THEN 'delivered' END
      WHEN 2 THEN CASE WHEN m.dispatch_state = 'sent' AND m.status = 'read' THEN 'viewed' END
      WHEN 3 THEN CASE WHEN m.grp = 'target' AND m.reply_count > 0 THEN 'replied' END
    END AS metric,
    CAST(CASE s.slot
      WHEN 0 THEN COALESCE(m.sent_at, m.dispatched_at, 0)
      WHEN 1 THEN COALESCE(m.delivered_at, m.read_at, m.sent_at, 0)
      WHEN 2 THEN COALESCE(m.read_at, m.delivered_at, m.sent_at, 0)
      WHEN 3 THEN COALESCE(m.first_reply_at, m.sent_at, 0)
    END / 900000 AS INTEGER) AS bucket
  FROM message m
  CROSS JOIN (SELECT value AS slot FROM json_each('[0,1,2,3]')) s
) WHERE metric IS NOT NULL;

CREATE VIEW stats_message_latency AS
SELECT id AS message_id, campaign_id,
  CASE WHEN delivered_at - sent_at <= 1 THEN 0
    ELSE 1 + CAST(log2(delivered_at - sent_at) * 16 AS INTEGER) END AS bucket,
  1 AS delta
FROM message WHERE delivered_at IS NOT NULL AND sent_at IS NOT NULL;

CREATE VIEW stats_conversion_delta AS
SELECT message_id, campaign_id, 'conv:' || grp AS key, 1 AS delta FROM message_conversion
UNION ALL
SELECT message_id, campaign_id, 'rev:' || grp, revenue_micros FROM message_conversion;

CREATE VIEW stats_conversion_trend AS
SELECT message_id, campaign_id, 'converted' AS metric, CAST(converted_at / 900000 AS INTEGER) AS bucket,
  1 AS delta
FROM message_conversion WHERE grp = 'target';

CREATE TRIGGER campaign_stats_delete AFTER DELETE ON campaign
BEGIN
  DELETE FROM stats_counter WHERE campaign_id = OLD.id;
  DELETE FROM stats_trend WHERE campaign_id = OLD.id;
  DELETE FROM delivery_latency WHERE campaign_id = OLD.id;
  DELETE FROM stats_suspended WHERE campaign_id = OLD.id;
  DELETE FROM message_conversion WHERE campaign_id = OLD.id;
  DELETE FROM stats_conversion_dirty WHERE campaign_id = OLD.id;
END;

-- Adding a message's contributions (after insert/update) ...
CREATE TRIGGER message_stats_add_insert AFTER INSERT ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended s
  WHERE s.campaign_id = NEW.campaign_id AND NEW.id > s.counted_through)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT campaign_id, key, SUM(delta) FROM stats_message_delta WHERE message_id = NEW.id GROUP BY key
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT campaign_id, metric, bucket, SUM(delta) FROM stats_message_trend WHERE message_id = NEW.id
  GROUP BY metric, bucket
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
  INSERT INTO delivery_latency (campaign_id, bucket, n)
  SELECT campaign_id, bucket, delta FROM stats_message_latency WHERE message_id = NEW.id
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER message_stats_add_update AFTER UPDATE OF
  grp, dispatch_state, dispatch_error, status, failure_code, reply_count,
  sent_at, dispatched_at, delivered_at, read_at, first_reply_at ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended s
  WHERE s.campaign_id = NEW.campaign_id AND NEW.id > s.counted_through)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT campaign_id, key, SUM(delta) FROM stats_message_delta WHERE message_id = NEW.id GROUP BY key
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT campaign_id, metric, bucket, SUM(delta) FROM stats_message_trend WHERE message_id = NEW.id
  GROUP BY metric, bucket
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
  INSERT INTO delivery_latency (campaign_id, bucket, n)
  SELECT campaign_id, bucket, delta FROM stats_message_latency WHERE message_id = NEW.id
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET n = n + excluded.n;
END;

-- ... and subtracting them before the row changes or goes (the row still holds the old values).
CREATE TRIGGER message_stats_subtract_update BEFORE UPDATE OF
  grp, dispatch_state, dispatch_error, status, failure_code, reply_count,
  sent_at, dispatched_at, delivered_at, read_at, first_reply_at ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended s
  WHERE s.campaign_id = OLD.campaign_id AND OLD.id > s.counted_through)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT campaign_id, key, -SUM(delta) FROM stats_message_delta WHERE message_id = OLD.id GROUP BY key
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT campaign_id, metric, bucket, -SUM(delta) FROM stats_message_trend WHERE message_id = OLD.id
  GROUP BY metric, bucket
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
  INSERT INTO delivery_latency (campaign_id, bucket, n)
  SELECT campaign_id, bucket, -delta FROM stats_message_latency WHERE message_id = OLD.id
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER message_stats_subtract_delete BEFORE DELETE ON message
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended s
  WHERE s.campaign_id = OLD.campaign_id AND OLD.id > s.counted_through)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT campaign_id, key, -SUM(delta) FROM stats_message_delta WHERE message_id = OLD.id GROUP BY key
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT campaign_id, metric, bucket, -SUM(delta) FROM stats_message_trend WHERE message_id = OLD.id
  GROUP BY metric, bucket
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
  INSERT INTO delivery_latency (campaign_id, bucket, n)
  SELECT campaign_id, bucket, -delta FROM stats_message_latency WHERE message_id = OLD.id
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER message_conversion_cleanup AFTER DELETE ON message
BEGIN
  DELETE FROM message_conversion WHERE message_id = OLD.id;
  DELETE FROM stats_conversion_dirty WHERE message_id = OLD.id;
END;

-- Which conversions to recompute. Rows a rebuild has not reached yet are skipped: their page
-- recomputes their conversions anyway.
CREATE TRIGGER message_conversion_dirty_insert AFTER INSERT ON message
WHEN (NEW.grp = 'control' OR NEW.dispatch_state = 'sent')
  AND NOT EXISTS (SELECT 1 FROM stats_suspended s
    WHERE s.campaign_id = NEW.campaign_id AND NEW.id > s.counted_through)
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT NEW.id, NEW.campaign_id WHERE EXISTS (SELECT 1 FROM stats_goal WHERE campaign_id = NEW.campaign_id);
END;

CREATE TRIGGER message_conversion_dirty_update AFTER UPDATE OF grp, dispatch_state, sent_at, set_aside_at
  ON message
WHEN (OLD.grp IS NOT NEW.grp OR OLD.dispatch_state IS NOT NEW.dispatch_state
    OR OLD.sent_at IS NOT NEW.sent_at OR OLD.set_aside_at IS NOT NEW.set_aside_at)
  AND NOT EXISTS (SELECT 1 FROM stats_suspended s
    WHERE s.campaign_id = NEW.campaign_id AND NEW.id > s.counted_through)
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT NEW.id, NEW.campaign_id WHERE EXISTS (SELECT 1 FROM stats_goal WHERE campaign_id = NEW.campaign_id);
END;

CREATE TRIGGER message_conversion_add AFTER INSERT ON message_conversion
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended s
  WHERE s.campaign_id = NEW.campaign_id AND NEW.message_id > s.counted_through)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT campaign_id, key, SUM(delta) FROM stats_conversion_delta WHERE message_id = NEW.message_id
  GROUP BY key
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT campaign_id, metric, bucket, delta FROM stats_conversion_trend WHERE message_id = NEW.message_id
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER message_conversion_subtract BEFORE DELETE ON message_conversion
WHEN NOT EXISTS (SELECT 1 FROM stats_suspended s
  WHERE s.campaign_id = OLD.campaign_id AND OLD.message_id > s.counted_through)
BEGIN
  INSERT INTO stats_counter (campaign_id, key, n)
  SELECT campaign_id, key, -SUM(delta) FROM stats_conversion_delta WHERE message_id = OLD.message_id
  GROUP BY key
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_trend (campaign_id, metric, bucket, n)
  SELECT campaign_id, metric, bucket, -delta FROM stats_conversion_trend WHERE message_id = OLD.message_id
  ON CONFLICT (campaign_id, metric, bucket) DO UPDATE SET n = n + excluded.n;
END;

-- A goal event (new, changed or removed) may change the conversion of that contact's messages
-- whose window it falls in. CROSS JOIN keeps the few goal campaigns as the outer loop, so each
-- event costs one (campaign_id, contact_id) index lookup per campaign, never a message scan.
CREATE TRIGGER contact_event_stats_insert AFTER INSERT ON contact_event
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT m.id, m.campaign_id FROM stats_goal g
  CROSS JOIN message m ON m.campaign_id = g.campaign_id AND m.contact_id = NEW.contact_id
  WHERE g.event = NEW.event
    AND NEW.at >= CASE m.grp WHEN 'control' THEN m.set_aside_at ELSE m.sent_at END
    AND NEW.at <= CASE m.grp WHEN 'control' THEN m.set_aside_at ELSE m.sent_at END + g.window_ms
    AND NOT EXISTS (SELECT 1 FROM stats_suspended s
      WHERE s.campaign_id = m.campaign_id AND m.id > s.counted_through);
END;

CREATE TRIGGER contact_event_stats_delete AFTER DELETE ON contact_event
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT m.id, m.campaign_id FROM stats_goal g
  CROSS JOIN message m ON m.campaign_id = g.campaign_id AND m.contact_id = OLD.contact_id
  WHERE g.event = OLD.event
    AND NOT EXISTS (SELECT 1 FROM stats_suspended s
      WHERE s.campaign_id = m.campaign_id AND m.id > s.counted_through);
END;

CREATE TRIGGER contact_event_stats_update AFTER UPDATE OF contact_id, event, at, revenue, properties
  ON contact_event
BEGIN
  INSERT OR IGNORE INTO stats_conversion_dirty (message_id, campaign_id)
  SELECT m.id, m.campaign_id FROM stats_goal g
  CROSS JOIN message m ON m.campaign_id = g.campaign_id AND m.contact_id IN (OLD.contact_id, NEW.contact_id)
  WHERE g.event IN (OLD.event, NEW.event)
    AND NOT EXISTS (SELECT 1 FROM stats_suspended s
      WHERE s.campaign_id = m.campaign_id AND m.id > s.counted_through);
END;

-- The delivery histogram is new: every campaign with delivered messages is recounted once, in the
-- background (a fresh rebuild starts from nothing: counters, trend and histogram alike).
DELETE FROM stats_counter WHERE campaign_id IN (SELECT DISTINCT campaign_id FROM message);
DELETE FROM stats_trend WHERE campaign_id IN (SELECT DISTINCT campaign_id FROM message);
INSERT OR REPLACE INTO stats_suspended (campaign_id, counted_through)
SELECT DISTINCT campaign_id, 0 FROM message;
