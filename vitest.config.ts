// Unit tests: fast, no engine; pure functions over recorded real outputs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], testTimeout: 10_000 },
});
