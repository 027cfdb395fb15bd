-- The name search index of 0115 held a row per word of each contact: in a bulk load that cost
-- ~6 µs per contact (+6 s CPU for the 1M-recipient demo). This one holds the words of each
-- distinct name text once: a search finds the names with a word in a range here, then their
-- contacts through contact_by_name (0001). Names repeat a lot (families, common first and last
-- names), and a name already indexed costs its writer nothing. Rows of a name no contact uses
-- any more are left: they match no contact. Written only by src/main/db/repos/contactNameWords.ts
-- (for the contact repository), words folded as described there.
DROP TABLE contact_name_word;
DROP TABLE contact_name_word_backfill;

CREATE TABLE name_word (
  word TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (word, name)
) WITHOUT ROWID;

-- Names of contacts written before this index: openDb indexes them in pages of distinct names
-- after `after_name` (in contact_by_name order), moving it in each page's transaction (a crash
-- resumes), and deletes the row when done.
CREATE TABLE name_word_backfill (after_name TEXT NOT NULL);
INSERT INTO name_word_backfill (after_name) VALUES ('');
