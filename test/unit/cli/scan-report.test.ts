// `imageforge scan --report FILE`: a Trivy report made elsewhere judged by the policy — exit 1 when the
// gate fails, 0 when it passes, 2 for an unreadable report — printing the findings that decide it.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/trivy');

async function scan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(['node', 'imageforge', 'scan', ...args], {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

describe('imageforge scan --report', () => {
  it('fails on CRITICAL findings of debian-buster and names them', async () => {
    const run = await scan(['--report', path.join(FIXTURES, 'debian-buster.json'), '--fail-on', 'CRITICAL']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed: \d+ blocking at or above CRITICAL/);
    expect(run.stdout).toMatch(/CRITICAL\s+CVE-\d{4}-\d+/);
  });

  it('passes the same report with --ignore-unfixed when only unfixed CRITICALs exist, or with NONE', async () => {
    const none = await scan(['--report', path.join(FIXTURES, 'debian-buster.json'), '--fail-on', 'NONE']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/not gated/);
  });

  it('an ignore file with a reason lets a finding pass; an expired one stops applying and says so', async () => {
    const report = path.join(FIXTURES, 'debian-buster.json');
    const first = await scan(['--report', report, '--fail-on', 'CRITICAL', '--json']);
    const decision = JSON.parse(first.stdout) as { blocking: Array<{ id: string; packageName: string }> };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-ignore-'));
    const rules = (expires: string) =>
      decision.blocking
        .map(
          (f) =>
            `- { id: ${f.id}, package: ${f.packageName}, reason: accepted in test, expires: '${expires}' }`,
        )
        .join('\n');
    await writeFile(path.join(dir, 'valid.yaml'), rules('2999-12-31'));
    await writeFile(path.join(dir, 'expired.yaml'), rules('2020-01-31'));
    const valid = await scan(['--report', report, '--ignore-file', path.join(dir, 'valid.yaml')]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/ignored: accepted in test/);
    const expired = await scan(['--report', report, '--ignore-file', path.join(dir, 'expired.yaml')]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/expired on 2020-01-31 and no longer applies/);
  });

  it('an ignore without a reason is a usage error naming the file and the rule', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-ignore-'));
    const file = path.join(dir, 'ignores.yaml');
    await writeFile(file, '- { id: CVE-2019-1549 }\n');
    const run = await scan(['--report', path.join(FIXTURES, 'debian-buster.json'), '--ignore-file', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: 0.reason: every ignore needs a reason`);
  });

  it('exits 2 for an unreadable or malformed report, without a stack trace', async () => {
    const missing = await scan(['--report', '/nonexistent/trivy.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/IMAGEFORGE_SCAN_REPORT_INVALID/);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-bad-'));
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"Results": [{"Target": "x", "Vulnerabilities": [{"Severity": 3}]}]}');
    const malformed = await scan(['--report', bad]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('Results[0].Vulnerabilities[0]');
    expect(malformed.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes JUnit with one case for the report gate', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-junit-'));
    const junit = path.join(dir, 'junit.xml');
    const run = await scan([
      '--report',
      path.join(FIXTURES, 'alpine-310.json'),
      '--fail-on',
      'MEDIUM',
      '--junit',
      junit,
    ]);
    expect(run.code).toBe(1);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<testsuite name="imageforge.scan"');
    expect(xml).toMatch(/<failure message="failed: \d+ blocking at or above MEDIUM/);
  });

  it('refuses an image and --report together, and nothing at all', async () => {
    expect((await scan(['img', '--report', 'x.json'])).code).toBe(2);
    expect((await scan([])).code).toBe(2);
  });
});
