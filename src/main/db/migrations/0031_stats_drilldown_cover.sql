-- Error drill-down search counts every row of a group: covering indexes (phone, contact_id) let
-- it filter on the index alone instead of looking up each message row (about 4x faster at 1M).
DROP INDEX message_failed_by_code;
DROP INDEX message_failed_by_time;
DROP INDEX message_dispatch_error_by_code;
DROP INDEX message_dispatch_error_by_time;
CREATE INDEX message_failed_by_code_cover ON message(campaign_id, failure_code, failed_at, phone, contact_id)
  WHERE dispatch_state = 'sent' AND status = 'failed';
CREATE INDEX message_failed_by_time_cover ON message(campaign_id, failed_at, phone, contact_id)
  WHERE dispatch_state = 'sent' AND status = 'failed';
CREATE INDEX message_dispatch_error_by_code_cover ON message(campaign_id, dispatch_error, dispatched_at, phone, contact_id)
  WHERE dispatch_state = 'error';
CREATE INDEX message_dispatch_error_by_time_cover ON message(campaign_id, dispatched_at, phone, contact_id)
  WHERE dispatch_state = 'error';
