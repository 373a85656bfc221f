// rawjson parsing over recorded real `docker buildx build --progress=rawjson` stderr.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBase64, parseRawjsonLine, splitRawjsonOutput } from '../../../src/buildx/rawjson.js';
import { readFixture } from './fixtures.js';

const rawjsonFixtures = readdirSync(fileURLToPath(new URL('../../fixtures/buildx/', import.meta.url))).filter(
  (name) => name.endsWith('.rawjson'),
);

describe('parseRawjsonLine', () => {
  it.each(rawjsonFixtures)('reads every JSON line of %s as a SolveStatus', (name) => {
    const lines = readFixture(name).split('\n');
    const jsonLines = lines.filter((line) => line.startsWith('{'));
    expect(jsonLines.length).toBeGreaterThan(0);
    for (const line of jsonLines) expect(parseRawjsonLine(line), line.slice(0, 120)).toBeDefined();
  });

  it('fills what producers omit: inputs, cached, name', () => {
    const status = parseRawjsonLine(
      '{"vertexes":[{"digest":"sha256:36c8","name":"[internal] load build definition from Dockerfile"}]}',
    );
    expect(status).toEqual({
      vertexes: [
        {
          digest: 'sha256:36c8',
          name: '[internal] load build definition from Dockerfile',
          inputs: [],
          cached: false,
        },
      ],
      statuses: [],
      logs: [],
      warnings: [],
    });
  });

  it('treats null lists as empty', () => {
    expect(parseRawjsonLine('{"vertexes":null,"logs":null}')?.vertexes).toEqual([]);
  });

  it.each([
    ['Dockerfile:3'],
    [
      'ERROR: failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: FROBNICATE',
    ],
    ['   3 | >>> FROBNICATE something'],
    ['{"vertexes":[{"name":"no digest"}]}'],
    ['{not json'],
    ['[1,2]'],
    [''],
  ])('returns undefined for the plain line %j', (line) => {
    expect(parseRawjsonLine(line)).toBeUndefined();
  });

  it('keeps log data as base64 and decodes it on demand', () => {
    const line = readFixture('run-exit3.rawjson')
      .split('\n')
      .find((candidate) => candidate.includes('"logs"'));
    const log = parseRawjsonLine(line ?? '')?.logs[0];
    expect(log?.stream).toBe(1);
    expect(decodeBase64(log?.data ?? '')).toBe('preparing\n');
  });
});

describe('splitRawjsonOutput', () => {
  it('separates progress from the error excerpt buildx prints on failure', () => {
    const output = splitRawjsonOutput(readFixture('run-exit3.rawjson'));
    expect(output.statuses.length).toBeGreaterThan(10);
    expect(output.plainLines[0]).toBe('Dockerfile:3');
    expect(output.plainLines.at(-1)).toMatch(
      /^ERROR: failed to build: failed to solve: process .* exit code: 3$/,
    );
  });

  it('finds no plain lines in a successful build', () => {
    expect(splitRawjsonOutput(readFixture('ms-uncached.rawjson')).plainLines).toEqual([]);
  });
});
