// Unit tests: fast, no engine; pure functions over recorded real outputs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 10_000,
    // imports its JSON schema without `with { type: 'json' }`, which only a bundler (vite) resolves
    deps: { optimizer: { ssr: { enabled: true, include: ['@actions/workflow-parser'] } } },
  },
});
