// Outputs of the older buildx (0.13.1, Debian trixie, against its dockerd 26.1.5) recorded in
// test/fixtures/trixie (its README says how): every version gate and parser imageforge uses
// reads them the way it reads 0.29.1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildxFeatures,
  parseBuildxVersion,
  supports,
  type BuildxVersion,
} from '../../../src/buildx/buildx-version.js';
import { RawjsonReader, splitRawjsonOutput, type SolveStatus } from '../../../src/buildx/rawjson.js';
import { ProgressTracker } from '../../../src/buildx/progress-tracker.js';
import { BakeDemultiplexer } from '../../../src/buildx/bake-demux.js';
import { parseBuildMetadata } from '../../../src/buildx/metadata-file.js';
import { parseBuilderInspect, parseBuilderList } from '../../../src/buildx/builder.js';
import {
  inspectedFromText,
  parseBuildxList,
  parseBuildxLsNames,
} from '../../../src/builders/buildx-builder-list.js';
import { parseBuildxDuVerbose } from '../../../src/cache/buildx-du.js';
import { classifyFailure, FailureCode } from '../../../src/run/classify.js';

const fixtureDir = new URL('../../fixtures/trixie/', import.meta.url);
const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(name, fixtureDir)), 'utf8');
const NOW = new Date('2026-12-06T22:28:00Z');

function track(name: string): { tracker: ProgressTracker; plainLines: string[] } {
  const output = splitRawjsonOutput(fixture(name));
  const tracker = new ProgressTracker();
  for (const status of output.statuses) tracker.update(status);
  return { tracker, plainLines: output.plainLines };
}

describe('buildx 0.13.1 version gates', () => {
  const detected = parseBuildxVersion(fixture('version.txt')) as BuildxVersion;

  it('reads the Debian version string', () => {
    expect(detected.version).toBe('0.13.1');
  });

  it.each([
    ['rawjsonProgress', true],
    ['metadataFile', true],
    ['namedContexts', true],
    ['lsFormatJson', true],
    ['historyCommand', false],
    ['duFormatJson', false],
  ] as const)('%s → %s', (feature, expected) => {
    expect(supports(detected.version, feature)).toBe(expected);
  });

  it('really lacks what the gates say: `du --format json` is refused', () => {
    expect(buildxFeatures.duFormatJson).toBe('>=0.28.0');
    expect(fixture('du-format-json.stderr.txt')).toMatch(/^unknown flag: --format/);
  });

  it('prints its usage with exit 0 for `history ls`: only the version can tell', () => {
    // the recorded stdout of `docker buildx history ls` (exit code 0, nothing on stderr)
    expect(fixture('history-ls.stdout.txt')).toMatch(/^Extended build capabilities with BuildKit/);
    expect(fixture('history-ls.stdout.txt')).not.toMatch(/^\s+history\s/m);
    expect(fixture('history-ls.stderr.txt')).toBe('');
  });
});

describe('pretty-printed rawjson (buildx < 0.15)', () => {
  it('spreads each SolveStatus over many lines, opening and closing at column 0', () => {
    const lines = fixture('ms-uncached.rawjson').split('\n');
    expect(lines[0]).toBe('{');
    expect(lines).toContain('}');
    expect(lines.filter((line) => line.startsWith('{') && line.length > 1)).toEqual([]);
  });

  it('reads a successful build without any plain line', () => {
    const output = splitRawjsonOutput(fixture('ms-uncached.rawjson'));
    expect(output.plainLines).toEqual([]);
    expect(output.statuses.length).toBeGreaterThan(20);
  });

  it('counts steps and cache hits as for buildx 0.29', () => {
    const uncached = track('ms-uncached.rawjson').tracker.cacheFigures();
    const cached = track('ms-cached.rawjson').tracker.cacheFigures();
    expect(uncached.totalSteps).toBe(6);
    expect(uncached.cachedSteps).toBeLessThan(6);
    expect(cached).toMatchObject({ totalSteps: 6, cachedSteps: 6, hitRatio: 1 });
  });

  it('keeps step logs', () => {
    const { tracker } = track('ms-uncached.rawjson');
    expect(tracker.logTail().join('\n')).toContain('building hello-compat');
  });

  it('gives statuses as they complete when fed line by line, as a live build is', () => {
    const seen: SolveStatus[] = [];
    const plain: string[] = [];
    const reader = new RawjsonReader({ onStatus: (s) => seen.push(s), onPlain: (l) => plain.push(l) });
    const lines = fixture('ms-cached.rawjson').split('\n');
    const firstClose = lines.indexOf('}');
    for (const line of lines.slice(0, firstClose)) reader.push(line);
    expect(seen).toHaveLength(0);
    reader.push('}');
    expect(seen).toHaveLength(1);
    for (const line of lines.slice(firstClose + 1)) reader.push(line);
    reader.end();
    expect(seen.length).toBe(splitRawjsonOutput(fixture('ms-cached.rawjson')).statuses.length);
    expect(plain.filter((line) => line.trim())).toEqual([]);
  });

  it('gives back an object that never closes as plain lines', () => {
    const plain: string[] = [];
    const reader = new RawjsonReader({ onStatus: () => undefined, onPlain: (l) => plain.push(l) });
    for (const line of ['{', '  "vertexes": [', 'ERROR: failed to solve: cut']) reader.push(line);
    reader.end();
    expect(plain).toEqual(['{', '  "vertexes": [', 'ERROR: failed to solve: cut']);
  });

  it('separates the failure excerpt and classifies a failed RUN as for buildx 0.29', () => {
    const { tracker, plainLines } = track('run-exit3.rawjson');
    expect(plainLines[0]).toBe('Dockerfile:3');
    expect(plainLines.at(-1)).toMatch(/^ERROR: failed to solve: process .* exit code: 3$/);
    const error = classifyFailure({
      stderr: plainLines.join('\n'),
      exitCode: 1,
      vertexErrors: tracker.errors(),
      logTail: tracker.logTail(),
    });
    expect(error).toMatchObject({ code: FailureCode.RunStepFailed, kind: 'deterministic' });
    expect(error.message).toMatch(/^RUN step failed with exit code 3: echo "step output line 1"/);
  });

  it('classifies from the whole stderr too (vertex errors read from the pretty JSON)', () => {
    const error = classifyFailure({ stderr: fixture('run-exit3.rawjson'), exitCode: 1 });
    expect(error.code).toBe(FailureCode.RunStepFailed);
    expect(error.message).not.toContain('"vertexes"');
  });

  it('splits a bake stream per target', () => {
    const demux = new BakeDemultiplexer(['app', 'tool']);
    const trackers = new Map(['app', 'tool'].map((target) => [target, new ProgressTracker()]));
    for (const status of splitRawjsonOutput(fixture('bake.rawjson')).statuses) {
      for (const [target, part] of demux.split(status)) trackers.get(target)?.update(part);
    }
    const names = (target: string) =>
      trackers
        .get(target)
        ?.steps()
        .filter((step) => step.cacheable)
        .map((step) => step.name);
    expect(names('app')).toEqual(['[2/3] RUN echo "app says hi"', '[3/3] COPY app.txt /srv/']);
    expect(names('tool')).toEqual([
      '[build 2/2] RUN echo tool > /tool.txt',
      '[stage-1 2/2] COPY --from=build /tool.txt /tool.txt',
    ]);
  });

  it('writes the same metadata keys', () => {
    const metadata = parseBuildMetadata(JSON.parse(fixture('ms-uncached.metadata.json')));
    expect(metadata.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(metadata.buildRef).toMatch(/^default\/default\/\w+$/);
  });
});

describe('builders and cache on buildx 0.13.1', () => {
  it('lists builders with `ls --format json` (no GC policy for the docker driver)', () => {
    const [builder] = parseBuildxList(fixture('ls-format-json.txt'));
    expect(builder).toMatchObject({ name: 'default', driver: 'docker', current: false });
    expect(builder?.nodes[0]).toMatchObject({
      status: 'running',
      buildkitVersion: 'v0.0.0+unknown',
      gcPolicy: [],
      driverOpts: undefined,
    });
    expect(parseBuilderList(fixture('ls-format-json.txt'))[0]?.nodes[0]?.platforms).toContain('linux/arm64');
  });

  it('reports a GC policy in the pre-0.17 form (keepBytes); each builder once, though printed twice', () => {
    expect(fixture('ls-format-json-gc.txt').trim().split('\n')).toHaveLength(2);
    const builders = parseBuildxList(fixture('ls-format-json-gc.txt'));
    expect(builders.map((builder) => builder.name)).toEqual(['default']);
    // daemon.json: {"filter": ["unused-for=72h"], "keepStorage": "1000000000"} on dockerd 26.1.5
    const [rule, ...others] = builders[0]?.nodes[0]?.gcPolicy ?? [];
    expect(others).toEqual([]);
    expect(rule).toMatchObject({
      all: false,
      filters: [],
      reservedSpaceBytes: 1_000_000_000,
      maxUsedSpaceBytes: 0,
      minFreeSpaceBytes: 0,
    });
    expect(Math.round((rule?.keepDurationMs ?? 0) / 3_600_000)).toBe(72);
  });

  it('reads `buildx inspect`', () => {
    const builder = parseBuilderInspect(fixture('inspect.txt'));
    expect(builder).toMatchObject({ name: 'default', driver: 'docker', nodes: [{ status: 'running' }] });
    expect(builder?.nodes[0]?.platforms).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64']));
  });

  // the fallback for buildx without `ls --format` (older than 0.13), on the same text outputs
  it('finds builder names and the current one in the plain `buildx ls` table', () => {
    expect(parseBuildxLsNames(fixture('ls.txt'))).toEqual([
      { name: 'default', current: true },
      ...['dev', 'pool-n1', 'pool-n2', 'pool-n3', 'prod', 'small'].map((name) => ({
        name: `imageforge-${name}`,
        current: false,
      })),
    ]);
  });

  it('turns `buildx inspect` text into a listed builder without the fields text lacks', () => {
    expect(inspectedFromText(fixture('inspect.txt'))?.nodes[0]).toMatchObject({
      status: 'running',
      buildkitVersion: 'v0.0.0+unknown',
      driverOpts: undefined,
      gcPolicy: [],
      flags: [],
    });
    expect(inspectedFromText('ERROR: no builder "x" found')).toBeUndefined();
  });

  it('reads `du --verbose`, whose parent is a single "Parent:" line', () => {
    const entries = parseBuildxDuVerbose(fixture('du-verbose.txt'), NOW);
    expect(entries.length).toBeGreaterThan(10);
    const child = entries.find((entry) => entry.parents.length > 0);
    expect(child?.parents).toHaveLength(1);
    expect(entries.some((entry) => entry.parents.includes(entry.id))).toBe(false);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^[a-z0-9]{25}$/);
      expect(entry.createdAt).toMatch(/^2026-12-06T/);
    }
    expect(entries.reduce((sum, entry) => sum + entry.sizeBytes, 0)).toBeGreaterThan(1_000_000);
  });
});
