-- The drill-down's broad search by the start of a number read the error group in list order
-- until 300 matches: when the matching numbers failed early (sent first, listed last) that was
-- the whole group, ~95 ms at 5M recipients. These partial indexes give the group's rows in a
-- number range, so a range with few rows is read and sorted instead.
CREATE INDEX message_failed_by_phone ON message(campaign_id, phone, failed_at, failure_code)
  WHERE dispatch_state = 'sent' AND status = 'failed';
CREATE INDEX message_dispatch_error_by_phone ON message(campaign_id, phone, dispatched_at, dispatch_error)
  WHERE dispatch_state = 'error';
