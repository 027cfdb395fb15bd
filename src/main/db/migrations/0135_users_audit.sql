-- Users of a team server, the audit log, and draft versions (issue #22, spec §8).

-- A user's token is never stored: only its SHA-256 (the token is 256 bits of randomness, so a
-- fast hash is enough; there is nothing to guess from it). `origin`: created by an admin, the
-- TICKBOARD_API_TOKEN admin (follows the environment at each start), or the admin `serve`
-- created at a first start without one.
CREATE TABLE app_user (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  token_hash BLOB NOT NULL UNIQUE,
  origin TEXT NOT NULL CHECK (origin IN ('created', 'environment', 'first_start')),
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES app_user(id),
  revoked_at INTEGER
);

-- Every state-changing call and every refused call: who (as they were named then; null when the
-- token was unknown), when, the route, the id it was about, and how it ended.
CREATE TABLE audit_entry (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  user_id TEXT,
  user_name TEXT,
  route TEXT NOT NULL,
  target_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
  code TEXT
);

-- A draft's version: every edit adds one, and an edit of an older version is refused (409).
ALTER TABLE campaign ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Who made the last edit (their name then), for the refusal's message.
ALTER TABLE campaign ADD COLUMN edited_by TEXT;
