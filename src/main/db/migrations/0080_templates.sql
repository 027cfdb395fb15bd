-- Message templates synced from each provider account (issue #13), their webhook history, and the
-- template facts a campaign fixes at launch. Times are Unix epoch milliseconds.

-- One row per (provider account, template name, language): the last synced or webhook-updated
-- state. The only writer is src/main/templates/templateRepo.ts.
CREATE TABLE template (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  name TEXT NOT NULL,                    -- what a send names (Twilio: the ContentSid HX…)
  language TEXT NOT NULL,                -- e.g. en_US
  external_id TEXT,                      -- the provider's own id (Meta template id, Gupshup UUID, …)
  label TEXT,                            -- a friendlier name where the provider has one (Twilio friendly_name)
  -- marketing | utility | authentication (Meta's pricing categories, lower case); NULL when unknown
  category TEXT,
  -- APPROVED | PENDING | REJECTED | PAUSED | DISABLED | IN_APPEAL | … (upper case, kept as received)
  status TEXT NOT NULL,
  quality TEXT,                          -- GREEN | YELLOW | RED | UNKNOWN; NULL when not reported
  parameter_format TEXT NOT NULL DEFAULT 'positional' CHECK (parameter_format IN ('positional', 'named')),
  components TEXT NOT NULL,              -- JSON: normalised header / body / footer / buttons
  variables TEXT NOT NULL,               -- JSON: the variables a send must fill, in order
  status_reason TEXT,                    -- rejection / pause reason from the provider
  previous_category TEXT,                -- before the last template_category_update
  category_changed_at INTEGER,           -- when the provider changed the category (it changes the price)
  synced_at INTEGER,                     -- last time a sync saw it; NULL when only a webhook did
  updated_at INTEGER NOT NULL,
  UNIQUE (provider_id, name, language)
);
CREATE INDEX template_by_external ON template(provider_id, external_id) WHERE external_id IS NOT NULL;

-- Every status / quality / category change a webhook or a sync reported, with its time.
CREATE TABLE template_change (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'quality', 'category')),
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  at INTEGER NOT NULL,                   -- the provider's time when it gives one, else arrival
  source TEXT NOT NULL CHECK (source IN ('webhook', 'sync'))
);
CREATE INDEX template_change_by_template ON template_change(provider_id, name, language, at);

-- Per provider account: the last sync attempt, so a draft can say how old its list is offline.
CREATE TABLE template_sync (
  provider_id TEXT PRIMARY KEY REFERENCES provider(id) ON DELETE CASCADE,
  synced_at INTEGER,                     -- last successful sync
  attempted_at INTEGER NOT NULL,
  error TEXT,                            -- why the last attempt failed; NULL when it succeeded
  count INTEGER NOT NULL DEFAULT 0       -- templates stored by the last successful sync
);

-- Set at launch from the synced template (marketing | utility | authentication); NULL when unknown.
ALTER TABLE campaign ADD COLUMN template_category TEXT;
-- JSON of the template's components at launch: the text as sent, for settings, exports and the PDF.
ALTER TABLE campaign ADD COLUMN template_snapshot TEXT;
