-- Tunnel up/down history (spec §4 callback health, §5 tunnel). Bounded by the tunnel module,
-- which keeps only the most recent rows. Times are Unix epoch milliseconds.
CREATE TABLE tunnel_event (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('off', 'connecting', 'up', 'reconnecting', 'error')),
  url TEXT,
  reason TEXT
);
