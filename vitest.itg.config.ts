// Integration tests: real Docker Engine from scripts/engine.sh, one worker, long timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/itg/**/*.itg.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    globalSetup: ['test/itg/global-setup.ts'],
  },
});
