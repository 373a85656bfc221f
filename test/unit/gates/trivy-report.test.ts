// Parsing real Trivy JSON reports into findings, and the errors a bad report gives.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import { parseTrivyReport, readTrivyReportFile } from '../../../src/gates/scan/trivy/parse-trivy-report.js';

const FIXTURES = ['alpine-310', 'centos-7', 'debian-buster', 'debian-buster-ignore-unfixed'] as const;
const MORE_FIXTURES = [
  'fluentd-multiple-lockfiles',
  'npm-with-suppressed',
  'secrets',
  'ubuntu-1804',
] as const;

function fixtureFile(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/trivy/${name}.json`, import.meta.url));
}

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(fixtureFile(name), 'utf8'));
}

interface RawEntry {
  Severity: string;
}

/** Independent count over the raw JSON: `[.Results[] | (.Vulnerabilities, .Secrets)[] | .Severity]`. */
function rawSeverities(json: unknown): string[] {
  const results = (json as { Results?: Array<Record<string, RawEntry[] | undefined>> }).Results ?? [];
  return results
    .flatMap((result) => [...(result.Vulnerabilities ?? []), ...(result.Secrets ?? [])])
    .map((entry) => entry.Severity);
}

async function caught(run: () => unknown): Promise<ImageforgeError> {
  try {
    await run();
  } catch (error: unknown) {
    if (error instanceof ImageforgeError) return error;
    throw error;
  }
  throw new Error('expected an ImageforgeError');
}

describe('parseTrivyReport on real reports', () => {
  it('maps the Debian report to two findings with every field', () => {
    const result = parseTrivyReport(fixture('debian-buster'), 'debian-buster.json');
    expect(result.scanner).toEqual({ name: 'trivy', version: 'dev' });
    expect(result.artifact).toBe('testdata/fixtures/images/debian-buster.tar.gz');
    expect(result.os).toBe('debian 10.1');
    expect(result.suppressedByScanner).toBe(0);
    expect(result.findings).toEqual([
      {
        kind: 'vulnerability',
        id: 'CVE-2019-18276',
        severity: 'LOW',
        packageName: 'bash',
        installedVersion: '5.0-4',
        fixedVersion: undefined,
        status: 'affected',
        purl: 'pkg:deb/debian/bash@5.0-4?arch=amd64&distro=debian-10.1',
        target: 'testdata/fixtures/images/debian-buster.tar.gz (debian 10.1)',
        packagePath: undefined,
        title: 'bash: when effective UID is not equal to its real UID the saved UID is not dropped',
        url: 'https://avd.aquasec.com/nvd/cve-2019-18276',
      },
      {
        kind: 'vulnerability',
        id: 'CVE-2019-18224',
        severity: 'CRITICAL',
        packageName: 'libidn2-0',
        installedVersion: '2.0.5-1',
        fixedVersion: '2.0.5-1+deb10u1',
        status: 'fixed',
        purl: 'pkg:deb/debian/libidn2-0@2.0.5-1?arch=amd64&distro=debian-10.1',
        target: 'testdata/fixtures/images/debian-buster.tar.gz (debian 10.1)',
        packagePath: undefined,
        title: 'libidn2: heap-based buffer overflow in idn2_to_ascii_4i in lib/lookup.c',
        url: 'https://avd.aquasec.com/nvd/cve-2019-18224',
      },
    ]);
  });

  it.each([...FIXTURES, ...MORE_FIXTURES])('%s: one finding per raw entry, same severities', (name) => {
    const json = fixture(name);
    const result = parseTrivyReport(json, `${name}.json`);
    expect(result.findings.map((finding) => finding.severity).sort()).toEqual(rawSeverities(json).sort());
  });

  it('keeps one CVE in two packages as two findings (Alpine: CVE-2019-1549 in libcrypto1.1 and libssl1.1)', () => {
    const result = parseTrivyReport(fixture('alpine-310'), 'alpine-310.json');
    const packages = result.findings
      .filter((finding) => finding.id === 'CVE-2019-1549')
      .map((finding) => (finding.kind === 'vulnerability' ? finding.packageName : ''));
    expect(packages).toEqual(['libcrypto1.1', 'libssl1.1']);
    expect(result.os).toBe('alpine 3.10.2');
  });

  it('reads language packages with their path inside the image', () => {
    const result = parseTrivyReport(fixture('fluentd-multiple-lockfiles'), 'fluentd.json');
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        id: 'CVE-2020-8165',
        severity: 'HIGH',
        packageName: 'activesupport',
        installedVersion: '6.0.2.1',
        fixedVersion: '6.0.3.1, 5.2.4.3',
        purl: 'pkg:gem/activesupport@6.0.2.1',
        target: 'Ruby',
        packagePath: 'var/lib/gems/2.5.0/specifications/activesupport-6.0.2.1.gemspec',
      }),
    );
  });

  it('counts findings Trivy suppressed itself and tolerates a report without Trivy or Metadata blocks', () => {
    const result = parseTrivyReport(fixture('npm-with-suppressed'), 'npm.json');
    expect(result.suppressedByScanner).toBe(1);
    expect(result.scanner).toEqual({ name: 'trivy', version: undefined });
    expect(result.os).toBeUndefined();
    expect(result.artifact).toBe('package-lock.json');
    expect(result.findings.map((finding) => finding.id)).toEqual(['CVE-2017-20165']);
  });

  it('maps Secrets[] to secret findings with the masked match', () => {
    const result = parseTrivyReport(fixture('secrets'), 'secrets.json');
    expect(result.findings).toEqual([
      {
        kind: 'secret',
        id: 'aws-access-key-id',
        severity: 'CRITICAL',
        category: 'AWS',
        title: 'AWS Access Key ID',
        target: 'deploy.sh',
        startLine: 3,
        endLine: 3,
        match: 'export AWS_ACCESS_KEY_ID=********************',
      },
      {
        kind: 'secret',
        id: 'mysecret',
        severity: 'HIGH',
        category: 'Custom',
        title: 'My Secret',
        target: 'deploy.sh',
        startLine: 7,
        endLine: 7,
        match: 'echo ********',
      },
    ]);
  });
});

describe('parseTrivyReport on unusual reports', () => {
  it('reads a report with every array and object omitted as zero findings', () => {
    for (const json of [
      {},
      { Results: null },
      { SchemaVersion: 2, Results: [{}] },
      { Results: [{ Target: 'x', Type: null }] },
    ]) {
      const result = parseTrivyReport(json, 'registry.example/app:1.0');
      expect(result).toEqual({
        scanner: { name: 'trivy', version: undefined },
        artifact: 'registry.example/app:1.0',
        os: undefined,
        findings: [],
        suppressedByScanner: 0,
      });
    }
  });

  it('fills omitted vulnerability fields, maps unknown severities to UNKNOWN and ignores extra fields', () => {
    const json = {
      Results: [
        {
          Target: 'app',
          Vulnerabilities: [
            { VulnerabilityID: 'CVE-1', PkgName: 'a', Severity: 'SEVERE', NewTrivyField: { x: 1 } },
            { VulnerabilityID: 'CVE-2', PkgName: 'b', Severity: 'high', FixedVersion: '' },
            { VulnerabilityID: 'CVE-3', PkgName: 'c', Severity: null },
          ],
        },
      ],
    };
    const findings = parseTrivyReport(json, 'app.json').findings;
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([
      ['CVE-1', 'UNKNOWN'],
      ['CVE-2', 'HIGH'],
      ['CVE-3', 'UNKNOWN'],
    ]);
    expect(findings[1]).toMatchObject({ target: 'app', installedVersion: '', fixedVersion: undefined });
  });

  it('keeps a vulnerability listed twice for the same package, version and target once', () => {
    const json = fixture('debian-buster') as { Results: Array<{ Vulnerabilities: unknown[] }> };
    const vulnerabilities = json.Results[0]!.Vulnerabilities;
    json.Results[0]!.Vulnerabilities = [...vulnerabilities, vulnerabilities[1]];
    const findings = parseTrivyReport(json, 'debian-buster.json').findings;
    expect(findings.map((finding) => finding.id)).toEqual(['CVE-2019-18276', 'CVE-2019-18224']);
  });
});

describe('invalid Trivy reports', () => {
  it('names the source and the first failing path when a field has the wrong type', async () => {
    const json = fixture('alpine-310') as {
      Results: Array<{ Vulnerabilities: Array<Record<string, unknown>> }>;
    };
    json.Results[0]!.Vulnerabilities[3]!.Severity = 4;
    const error = await caught(() => parseTrivyReport(json, 'alpine-310.json'));
    expect(error.code).toBe(ErrorCode.ScanReportInvalid);
    expect(error.code).toBe('IMAGEFORGE_SCAN_REPORT_INVALID');
    expect(error.category).toBe('config');
    expect(error.message).toMatch(
      /^invalid Trivy report alpine-310\.json: Results\[0\]\.Vulnerabilities\[3\]\.Severity: /,
    );
    expect(error.message).toContain('expected string, received number');
    expect(error.hint).toContain('trivy image --format json');
  });

  it('rejects a report that is not an object, and explains the pre-SchemaVersion-2 list format', async () => {
    expect((await caught(() => parseTrivyReport('table output', 'scan.txt'))).message).toContain(
      'invalid Trivy report scan.txt: expected object',
    );
    expect((await caught(() => parseTrivyReport([], 'old.json'))).message).toContain(
      'pre-2021 report format',
    );
  });

  it('reads a real report file', async () => {
    const result = await readTrivyReportFile(fixtureFile('centos-7'));
    expect(result.os).toBe('centos 7.6.1810');
    expect(result.findings).toHaveLength(3);
  });

  it('reports a file that is not JSON, empty, missing or a directory with the file name and no stack', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'imageforge-trivy-'));
    const notJson = path.join(dir, 'report.txt');
    const empty = path.join(dir, 'empty.json');
    const folder = path.join(dir, 'folder.json');
    await writeFile(notJson, 'Total: 2 (CRITICAL: 1)\n');
    await writeFile(empty, '');
    await mkdir(folder);
    const cases = [
      [notJson, 'not JSON ('],
      [empty, 'the file is empty'],
      [path.join(dir, 'missing.json'), 'could not read the file (no such file)'],
      [folder, 'could not read the file (it is a directory)'],
    ] as const;
    for (const [file, problem] of cases) {
      const error = await caught(() => readTrivyReportFile(file));
      expect(error.code).toBe('IMAGEFORGE_SCAN_REPORT_INVALID');
      expect(error.category).toBe('config');
      expect(error.message).toContain(`invalid Trivy report ${file}: ${problem}`);
      expect(error.message).not.toContain('\n');
    }
  });
});
