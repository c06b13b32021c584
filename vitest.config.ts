import { defineConfig } from 'vitest/config';

// One runner, three projects: `npm test` runs domain, server (SQLite) and web unit tests.
// `npm run test:pg` runs the server project again with TEST_DATABASE_URL pointing at PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'], env: { TZ: 'Asia/Shanghai' } } },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts'],
          env: { TZ: 'Asia/Shanghai' },
          globalSetup: ['./src/testing/global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          root: 'packages/web',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          env: { TZ: 'Asia/Shanghai' },
          passWithNoTests: true,
        },
      },
    ],
  },
});
