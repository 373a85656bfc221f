// `test.metadata`: compares the image's config (env, labels, ports, user, workdir, entrypoint, cmd,
// volumes) with what imageforge.yaml expects, one message per difference.
import type { ImageConfig } from '../../docker/container-client.js';
import type { TestCheck } from '../gate-report.js';
import { checkFromProblems } from './check-result.js';
import type { MetadataExpectation } from './test-spec-schema.js';

export function checkMetadata(
  expected: MetadataExpectation,
  actual: ImageConfig,
  startedAt: number,
): TestCheck {
  return checkFromProblems('metadata', 'metadata', startedAt, diffMetadata(expected, actual));
}

/** Every way the image's config differs from the expectation; empty when it matches. */
export function diffMetadata(expected: MetadataExpectation, actual: ImageConfig): string[] {
  return [
    ...diffRecord('env', expected.env, actual.env),
    ...diffRecord('label', expected.labels, actual.labels),
    ...missing('exposed port', expected.exposedPorts, actual.exposedPorts, 'not exposed'),
    ...diffUser(expected.user, actual.user),
    ...diffValue('workdir', expected.workdir, actual.workingDir || '/'),
    ...diffArgv('entrypoint', expected.entrypoint, actual.entrypoint),
    ...diffArgv('cmd', expected.cmd, actual.cmd),
    ...missing('volume', expected.volumes, actual.volumes, 'not declared'),
  ];
}

function diffRecord(
  what: string,
  expected: Record<string, string>,
  actual: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const got = actual[key];
    if (got === undefined) problems.push(`${what} ${key}: expected ${JSON.stringify(value)}, not set`);
    else if (got !== value) {
      problems.push(`${what} ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
    }
  }
  return problems;
}

function missing(what: string, expected: string[], actual: string[], absent: string): string[] {
  const have = actual.length === 0 ? 'none' : actual.join(', ');
  return expected
    .filter((item) => !actual.includes(item))
    .map((item) => `${what} ${item}: expected, ${absent} (image has ${have})`);
}

function diffValue(what: string, expected: string | undefined, actual: string): string[] {
  if (expected === undefined || expected === actual) return [];
  return [`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** An image without USER runs as root, so "root" and "0" match an unset user. */
function diffUser(expected: string | undefined, actual: string): string[] {
  if (actual === '' && expected !== undefined && ROOT_USERS.has(expected)) return [];
  return diffValue('user', expected, actual);
}

const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0']);

function diffArgv(what: string, expected: string[] | undefined, actual: string[] | undefined): string[] {
  if (expected === undefined) return [];
  const got = actual ?? [];
  const same = expected.length === got.length && expected.every((arg, index) => arg === got[index]);
  return same ? [] : [`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`];
}
