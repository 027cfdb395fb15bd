-- Duplicate and unattributed click webhooks are counted with every other acknowledged-but-unused
-- item in callback_ignored (callbacks.health.ignored), so 0090's own counter table goes.
DROP TABLE marketing_action_ignored;
