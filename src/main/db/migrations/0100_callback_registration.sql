-- Callback URL registration with each provider's API (issue #15). Written only by
-- src/main/registration/store.ts. Times are Unix epoch milliseconds.

-- The operator's consent, one switch per provider account; no row = on (the default).
CREATE TABLE registration_consent (
  provider_id TEXT PRIMARY KEY REFERENCES provider(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  changed_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Every registration attempt: when, why, which URL, what the provider answered.
-- outcome: registered (the provider confirmed it), failed (it refused or could not be reached),
-- manual (this account cannot be set through the API: detail says what to do by hand).
CREATE TABLE callback_registration (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  url TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('registered', 'failed', 'manual')),
  detail TEXT NOT NULL,
  answer TEXT
);
CREATE INDEX callback_registration_latest ON callback_registration(provider_id, id);

-- The last successful "Test callback" per account and the URL it went through.
CREATE TABLE callback_test_success (
  provider_id TEXT PRIMARY KEY REFERENCES provider(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  url TEXT NOT NULL
) WITHOUT ROWID;

-- Windows in which an account's callbacks could not reach the app (tunnel down, URL changed and
-- not registered yet). ended_at NULL = still open.
CREATE TABLE callback_gap (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  reason TEXT NOT NULL
);
CREATE INDEX callback_gap_by_provider ON callback_gap(provider_id, started_at);

-- A launch the operator forced despite blocking readiness problems: what was overridden.
CREATE TABLE campaign_readiness_override (
  campaign_id TEXT PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  problems TEXT NOT NULL
) WITHOUT ROWID;
