-- Scheduled reports (issue #6): a campaign's CSV and PDF exported daily or weekly into a folder
-- while the app runs. Times are Unix epoch milliseconds.
CREATE TABLE report_schedule (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  every TEXT NOT NULL CHECK (every IN ('daily', 'weekly')),
  folder TEXT NOT NULL,                  -- absolute path chosen by the operator
  formats TEXT NOT NULL,                 -- JSON array of 'csv' | 'pdf'
  paper TEXT NOT NULL CHECK (paper IN ('A4', 'Letter')),
  next_run_at INTEGER NOT NULL,
  last_run_at INTEGER,
  last_error TEXT,                       -- why the last run failed; NULL when it succeeded
  created_at INTEGER NOT NULL
);
CREATE INDEX report_schedule_due ON report_schedule(next_run_at);
