import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/** Web suites: React components in jsdom. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['web/**/*.test.ts', 'web/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['web/src/test/setup.ts'],
    testTimeout: 20_000,
  },
});
