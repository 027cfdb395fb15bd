-- Qualification at launch runs in pages in the background (dispatch starts on the first page).
-- One row per campaign being qualified; each page inserts its messages and moves the cursor in
-- the same transaction, so a crash resumes where it stopped, never qualifying a contact twice.
CREATE TABLE qualify_job (
  campaign_id TEXT PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
  after_contact_id INTEGER NOT NULL,     -- last contact id looked at (the cursor)
  until_contact_id INTEGER NOT NULL,     -- highest contact id at launch: the audience is fixed then
  expected INTEGER NOT NULL,             -- qualified count the launch check found (progress)
  targets INTEGER NOT NULL DEFAULT 0,    -- target users so far (the campaign limit)
  skipped INTEGER NOT NULL DEFAULT 0,    -- contacts whose placeholders went blank since the check
  launched_at INTEGER NOT NULL,          -- set-aside time of control users, limit errors
  params TEXT NOT NULL                   -- JSON array of the template parameters fixed at launch
) WITHOUT ROWID;
