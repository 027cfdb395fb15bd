-- The date a rate card says it is effective from (its title line, e.g. "effective 2026-10-01"),
-- so the Pricing page shows it and the stats page can tell a card that predates a market change
-- (issue #20). NULL = the card does not say.
ALTER TABLE rate_card_import ADD COLUMN effective_from TEXT;
