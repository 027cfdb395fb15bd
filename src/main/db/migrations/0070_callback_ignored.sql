-- Tolerant reader (issue #10): items of accepted callbacks that the engine did not understand
-- (unknown status value, message type, webhook field, event type, one malformed item of a batch)
-- are acknowledged with the rest and counted here by reason, with the newest few samples.
CREATE TABLE callback_ignored (
  provider_id TEXT NOT NULL,
  reason TEXT NOT NULL,                  -- e.g. unknown_status:deleted, unknown_field:x, malformed_item
  count INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (provider_id, reason)
) WITHOUT ROWID;

CREATE TABLE callback_ignored_sample (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  inbox_id INTEGER,                      -- the inbox row holding the whole raw body
  sample TEXT NOT NULL                   -- a short excerpt of the item as received
);
CREATE INDEX callback_ignored_sample_by_reason ON callback_ignored_sample(provider_id, reason, id);
