/** The only two IPC channels: one request channel, one event channel. */
export const INVOKE_CHANNEL = 'api:invoke'
export const EVENT_CHANNEL = 'api:event'
