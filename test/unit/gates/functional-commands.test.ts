// Command tests: exit code and output comparison, and the engine's start errors made readable.
import { describe, expect, it } from 'vitest';
import {
  commandLabel,
  describeCommandMismatches,
  startFailureReason,
} from '../../../src/gates/functional/command-expectations.js';
import type { CommandExpectation } from '../../../src/gates/functional/test-spec-schema.js';

const javaVersion: CommandExpectation = {
  name: 'java -version',
  run: ['java', '-version'],
  env: {},
  user: undefined,
  exitCode: 0,
  stdout: undefined,
  stderr: 'openjdk version "21',
  timeoutMs: 60_000,
};

describe('describeCommandMismatches', () => {
  it('passes when exit code and output match (patterns match per line)', () => {
    const result = {
      exitCode: 0,
      stdout: '',
      stderr: 'openjdk version "21.0.5" 2024-10-15\nOpenJDK Runtime\n',
    };
    expect(describeCommandMismatches(javaVersion, result)).toEqual([]);
    expect(describeCommandMismatches({ ...javaVersion, stderr: '^OpenJDK Runtime$' }, result)).toEqual([]);
  });

  it('shows the end of stderr with a wrong exit code', () => {
    const result = { exitCode: 127, stdout: '', stderr: 'sh: java: not found\n' };
    expect(describeCommandMismatches(javaVersion, result)).toEqual([
      'expected exit code 0, got 127; stderr: "sh: java: not found"',
      'expected stderr matching /openjdk version "21/, got "sh: java: not found"',
    ]);
  });

  it('falls back to stdout, and keeps only the end of long output', () => {
    const long = `${'x'.repeat(300)}\nthe reason\n`;
    const [message] = describeCommandMismatches(
      { ...javaVersion, stderr: undefined },
      { exitCode: 1, stdout: long, stderr: '' },
    );
    expect(message).toMatch(/^expected exit code 0, got 1; stdout: "…x+ ⏎ the reason"$/);
    expect(message?.length).toBeLessThan(260);
  });

  it('names commands by their name', () => {
    expect(commandLabel(javaVersion)).toBe('command "java -version"');
  });
});

describe('startFailureReason', () => {
  it('keeps the useful end of a runc start error (recorded from Docker 28.5)', () => {
    expect(
      startFailureReason(
        'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "java": executable file not found in $PATH: unknown',
      ),
    ).toBe('exec: "java": executable file not found in $PATH');
    expect(startFailureReason('unable to find user app: no matching entries in passwd file')).toBe(
      'unable to find user app: no matching entries in passwd file',
    );
  });
});
