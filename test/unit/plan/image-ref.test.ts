import { describe, expect, it } from 'vitest';
import { normalizeImageRef } from '../../../src/plan/graph.js';

describe('normalizeImageRef', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36'],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['index.docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['acme/cli', 'docker.io/acme/cli:latest'],
    ['localhost/x', 'localhost/x:latest'],
    ['localhost:5000/x', 'localhost:5000/x:latest'],
    ['localhost:5000/team/x:1.0', 'localhost:5000/team/x:1.0'],
    ['ghcr.io/owner/repo', 'ghcr.io/owner/repo:latest'],
    [`busybox@sha256:${'a'.repeat(64)}`, `docker.io/library/busybox@sha256:${'a'.repeat(64)}`],
    [
      `registry.example.com:443/x:2@sha256:${'b'.repeat(64)}`,
      `registry.example.com:443/x:2@sha256:${'b'.repeat(64)}`,
    ],
    ['  busybox  ', 'docker.io/library/busybox:latest'],
  ])('%s -> %s', (ref, expected) => {
    expect(normalizeImageRef(ref)).toBe(expected);
  });
});
