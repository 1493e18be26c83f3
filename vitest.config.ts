// SPDX-License-Identifier: EUPL-1.2
import { defineConfig } from 'vitest/config'

/**
 * Two projects: `integration` (unit + route tests against a real PostgreSQL, one fresh database per file)
 * and `e2e` (Playwright driving Debian's Chromium against a server started by the global setup).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/specs/**/*.spec.ts'],
          globalSetup: ['test/support/global-setup.ts', 'e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
