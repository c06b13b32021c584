import { defineConfig } from 'vitest/config';

// Browser tests: one process, one file at a time, long timeouts (Chromium start, server start).
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    env: { TZ: 'Asia/Shanghai' },
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
