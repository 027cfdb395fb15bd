import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests start real servers and SQLite files; two cores, so keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default'],
    // No automatic template sync against real provider APIs (the Sandbox still syncs).
    env: { TICKBOARD_TEMPLATE_AUTOSYNC: 'sandbox-only' }
  }
})
