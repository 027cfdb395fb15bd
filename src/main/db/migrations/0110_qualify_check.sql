-- A launch answers at once; the audience-sized part of the draft check (qualified count, blank
-- placeholders) runs behind the `qualifying` status before the first message is qualified. A job
-- is `checked` once that check passed (jobs of earlier versions were checked before they existed);
-- a failed check ends the job and puts the campaign back to draft with the reason.
ALTER TABLE qualify_job ADD COLUMN checked INTEGER NOT NULL DEFAULT 1;
