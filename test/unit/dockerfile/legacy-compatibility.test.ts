import { describe, expect, it } from 'vitest';
import {
  assertLegacyCompatible,
  degradeForLegacy,
  findBuildkitOnlySyntax,
  parseDockerfile,
  readDockerfile,
} from '../../../src/dockerfile/index.js';
import { caught, fixture } from './fixtures.js';

describe('degradeForLegacy', () => {
  it('removes cache mounts, keeps arguments that only look like flags, and keeps the line count', async () => {
    const parsed = await readDockerfile(fixture('cache-mounts.Dockerfile'));

    const degraded = degradeForLegacy(parsed);

    expect(degraded.content).toBe(
      [
        'FROM localhost:5000/base/busybox:latest',
        'RUN echo one > /one',
        'RUN \\',
        '    # imageforge: removed --mount=type=cache,target=/b for the classic builder',
        '    echo two > /two',
        'RUN echo "--mount=type=cache,target=/c stays: it is an argument" > /three',
        '',
      ].join('\n'),
    );
    expect(degraded.dropped.map((finding) => finding.line)).toEqual([2, 3, 4]);
    expect(findBuildkitOnlySyntax(parseDockerfile('degraded', degraded.content))).toEqual([]);
  });

  it('preserves the other flags of a line', async () => {
    const parsed = await readDockerfile(fixture('mixed-mounts.Dockerfile'));

    const lines = degradeForLegacy(parsed).content.split('\n');

    expect(lines[1]).toBe('RUN echo one');
    expect(lines[2]).toBe('RUN --network=none echo three');
    expect(lines[3]).toBe('RUN --mount=type=secret,id=token cat /run/secrets/token');
  });

  it('honours the escape directive', async () => {
    const parsed = await readDockerfile(fixture('escape-backtick.Dockerfile'));

    const lines = degradeForLegacy(parsed).content.split('\n');

    expect(lines.slice(2, 5)).toEqual([
      'RUN `',
      '    # imageforge: removed --mount=type=cache,target=/b for the classic builder',
      '    echo two',
    ]);
  });
});

describe('assertLegacyCompatible', () => {
  it('returns the cache mounts to drop when degradation is allowed', async () => {
    const parsed = await readDockerfile(fixture('cache-mounts.Dockerfile'));

    const dropped = assertLegacyCompatible(parsed, { degradeCacheMounts: true });

    expect(dropped.map((finding) => [finding.line, finding.feature])).toEqual([
      [2, 'RUN --mount=type=cache'],
      [3, 'RUN --mount=type=cache'],
      [4, 'RUN --mount=type=cache'],
    ]);
  });

  it('refuses cache mounts when degradation is not allowed, pointing at the setting', async () => {
    const file = fixture('cache-mounts.Dockerfile');
    const parsed = await readDockerfile(file);

    const error = await caught(() => assertLegacyCompatible(parsed, { degradeCacheMounts: false }));

    expect(error.code).toBe('IMAGEFORGE_BUILDKIT_ONLY_SYNTAX');
    expect(error.category).toBe('config');
    expect(error.location).toEqual({ file, line: 2 });
    expect(error.message.split('\n')[0]).toBe(
      `${file}:2: RUN --mount=type=cache requires BuildKit: the classic builder fails with "the --mount option requires BuildKit"; a cache mount only speeds up builds, so it can be dropped`,
    );
    expect(error.hint).toContain('legacy.degradeCacheMounts: true');
  });

  it('names the first blocking finding and lists all of them', async () => {
    const file = fixture('mixed-mounts.Dockerfile');
    const parsed = await readDockerfile(file);

    const error = await caught(() => assertLegacyCompatible(parsed, { degradeCacheMounts: true }));

    expect(error.location).toEqual({ file, line: 3 });
    expect(error.message.split('\n')).toEqual([
      `${file}:3: RUN --network requires BuildKit: the classic builder fails with "the --network option requires BuildKit"`,
      `All BuildKit-only syntax in ${file}:`,
      expect.stringMatching(
        new RegExp(`^  ${escape(file)}:2: RUN --mount=type=cache \\(would be dropped\\): `),
      ),
      `  ${file}:3: RUN --network: the classic builder fails with "the --network option requires BuildKit"`,
      expect.stringMatching(
        new RegExp(`^  ${escape(file)}:3: RUN --mount=type=cache \\(would be dropped\\): `),
      ),
      `  ${file}:4: RUN --mount=type=secret: the classic builder fails with "the --mount option requires BuildKit"`,
    ]);
    expect(error.hint).toContain('Build with BuildKit');
  });

  it('passes a classic-compatible Dockerfile', async () => {
    const parsed = await readDockerfile(fixture('classic-compatible.Dockerfile'));

    expect(assertLegacyCompatible(parsed, { degradeCacheMounts: false })).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
