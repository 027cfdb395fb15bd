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
    // expect.poll answers as soon as its condition holds; its default 1 s limit is shorter than a
    // chart animation or a page load in Chromium while the other worker runs a heavy test.
    expect: { poll: { timeout: 15_000 } },
    // No automatic template sync against real provider APIs (the Sandbox still syncs).
    env: { TICKBOARD_TEMPLATE_AUTOSYNC: 'sandbox-only' }
  }
})
