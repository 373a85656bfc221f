// The metadata verdicts, table-driven, with the messages docker 28.2 prints in `docker info`
// ("WARNING: Plugin … is not valid: <message>") where imageforge words them the same way.
import { describe, expect, it } from 'vitest';
import { metadataCallFailure, parsePluginMetadata } from '../../../src/plugins/plugin-metadata.js';
import type { ExecResult } from '../../../src/exec/exec.js';

describe('parsePluginMetadata', () => {
  it("accepts buildx's real answer", () => {
    const buildx =
      '{\n     "SchemaVersion": "0.1.0",\n     "Vendor": "Docker Inc.",\n     "Version": "0.29.1+ds1",\n     "ShortDescription": "Docker Buildx"\n}\n';
    expect(parsePluginMetadata(buildx)).toEqual({
      ok: true,
      metadata: {
        schemaVersion: '0.1.0',
        vendor: 'Docker Inc.',
        version: '0.29.1+ds1',
        shortDescription: 'Docker Buildx',
      },
    });
  });

  it('matches keys case-insensitively, as Go does (docker accepts this plugin)', () => {
    expect(parsePluginMetadata('{"schemaversion":"0.1.0","VENDOR":"t","version":"1"}')).toMatchObject({
      ok: true,
      metadata: { vendor: 't', version: '1' },
    });
  });

  it.each([
    ['not json', /^invalid metadata: /],
    ['', 'invalid metadata: empty output'],
    ['[]', 'invalid metadata: expected a JSON object, got an array'],
    ['"text"', 'invalid metadata: expected a JSON object, got string'],
    ['{"SchemaVersion":"0.1.0","Vendor":5}', /^invalid metadata: Vendor: /],
    ['{"SchemaVersion":"0.1.0","Vendor":"x"} trailing', /^invalid metadata: /],
    // docker 28.2 words these exactly so:
    ['null', 'plugin SchemaVersion "" is not valid, must be 0.1.0'],
    ['{"SchemaVersion":"0.2.0","Vendor":"x"}', 'plugin SchemaVersion "0.2.0" is not valid, must be 0.1.0'],
    ['{"SchemaVersion":"0.1.0"}', 'plugin metadata does not define a vendor'],
    ['{"SchemaVersion":"0.1.0","Vendor":null}', 'plugin metadata does not define a vendor'],
    ['{"SchemaVersion":"0.1.0","Vendor":""}', 'plugin metadata does not define a vendor'],
  ])('refuses %j', (stdout, message) => {
    const outcome = parsePluginMetadata(stdout);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem).toBe('metadata-invalid');
    expect(outcome.message).toMatch(message);
  });
});

describe('metadataCallFailure', () => {
  const result = (over: Partial<ExecResult>): ExecResult => ({
    command: '/p/docker-x',
    args: ['docker-cli-plugin-metadata'],
    exitCode: 0,
    stdout: '',
    stderr: '',
    durationMs: 1,
    timedOut: false,
    cancelled: false,
    signal: undefined,
    spawnError: undefined,
    ...over,
  });

  it.each([
    [{}, undefined],
    [{ exitCode: 3 }, 'failed to fetch metadata: exit status 3'],
    [
      { exitCode: 1, stderr: '\nboom: no config\nmore\n' },
      'failed to fetch metadata: exit status 1 (boom: no config)',
    ],
    [
      { exitCode: undefined, timedOut: true, signal: 'SIGTERM' },
      'failed to fetch metadata: no answer within 500ms',
    ],
    [{ exitCode: undefined, signal: 'SIGKILL' }, 'failed to fetch metadata: killed by SIGKILL'],
    [
      { exitCode: -2, spawnError: 'spawn /p/docker-x EACCES' },
      'failed to fetch metadata: spawn /p/docker-x EACCES',
    ],
  ] as Array<[Partial<ExecResult>, string | undefined]>)('%j → %s', (over, expected) => {
    expect(metadataCallFailure(result(over), 500)).toBe(expected);
  });
});
