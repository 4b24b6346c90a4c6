import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const astroContentStub = fileURLToPath(new URL('./tests/support/astro-content-stub.ts', import.meta.url));

/**
 * Three kinds of test, one command (`npm test`):
 * - unit: pure functions and plugins, no build;
 * - build: real `astro build`s of the site and of fixture sites, read back with an HTML parser;
 * - browser: the built site served on loopback, driven in Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { 'astro:content': astroContentStub } },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Astro builds are CPU-bound; two at once is all a 2-core machine does well.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
