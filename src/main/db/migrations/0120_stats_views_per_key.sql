-- The same counter derivation as migration 0060, written as one SELECT per key instead of a
-- cross join of every message with a json_each list of slots. A rebuild page then reads each
-- message row a few times by rowid instead of parsing a JSON array and testing nine CASE
-- branches per message, and its GROUP BY sorts only the keys that apply: at 1M recipients the
-- counter rebuild drops from ~6 to ~2 CPU seconds, the trend rebuild from ~2.3 to ~1.5. The
-- triggers of 0060 read these views by name (`WHERE message_id = NEW.id`: one rowid lookup per
-- key) and are unchanged. Key names: `src/main/stats/counterKeys.ts`.
DROP VIEW stats_message_delta;
DROP VIEW stats_message_trend;

-- Per message: the counter keys it contributes and by how much.
CREATE VIEW stats_message_delta AS
SELECT id AS message_id, campaign_id, 'qualified' AS key, 1 AS delta FROM message
UNION ALL
SELECT id, campaign_id, 'grp:' || grp, 1 FROM message
UNION ALL
SELECT id, campaign_id, 'ds:' || dispatch_state, 1 FROM message
UNION ALL
SELECT id, campaign_id, 'derr:' || COALESCE(dispatch_error, 'provider_error'), 1 FROM message
WHERE dispatch_state = 'error'
UNION ALL
SELECT id, campaign_id, 'st:' || COALESCE(status, 'awaiting'), 1 FROM message
WHERE dispatch_state = 'sent'
UNION ALL
SELECT id, campaign_id, 'delivered', 1 FROM message
WHERE dispatch_state = 'sent' AND status IN ('delivered', 'read')
UNION ALL
SELECT id, campaign_id, 'ferr:' || COALESCE(failure_code, 'unknown'), 1 FROM message
WHERE dispatch_state = 'sent' AND status = 'failed'
UNION ALL
SELECT id, campaign_id, 'replied', 1 FROM message
WHERE grp = 'target' AND reply_count > 0
UNION ALL
SELECT id, campaign_id, 'replies', reply_count FROM message
WHERE grp = 'target' AND reply_count > 0;

-- Per message: the trend metrics it adds to, per 15-minute UTC bucket (epoch ms / 900000).
CREATE VIEW stats_message_trend AS
SELECT id AS message_id, campaign_id, 'sent' AS metric,
  CAST(COALESCE(sent_at, dispatched_at, 0) / 900000 AS INTEGER) AS bucket, 1 AS delta
FROM message WHERE dispatch_state = 'sent'
UNION ALL
SELECT id, campaign_id, 'delivered', CAST(COALESCE(delivered_at, read_at, sent_at, 0) / 900000 AS INTEGER), 1
FROM message WHERE dispatch_state = 'sent' AND status IN ('delivered', 'read')
UNION ALL
SELECT id, campaign_id, 'viewed', CAST(COALESCE(read_at, delivered_at, sent_at, 0) / 900000 AS INTEGER), 1
FROM message WHERE dispatch_state = 'sent' AND status = 'read'
UNION ALL
SELECT id, campaign_id, 'replied', CAST(COALESCE(first_reply_at, sent_at, 0) / 900000 AS INTEGER), 1
FROM message WHERE grp = 'target' AND reply_count > 0;
