// The gates inside `imageforge build`: build → test → scan → push. A clean image is tested, scanned,
// given an SBOM and pushed; a failing gate pushes nothing; JUnit has a case per check and per gate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { containersWithLabel, docker } from '../support/docker.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('gates');
const REPO = `itg-gates-${TAG}`;
const FAKE_KEY_ID = 'AKIA2E0A8F3B244C9986';
const FAKE_SECRET = 'wJx7Q2mVb9Lr4Tn8Ke3Pd6Zs1Hf5Yc0Ug7Ai2Xo9';

async function registryTags(repository: string): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:5000/v2/${repository}/tags/list`);
  if (!response.ok) return [];
  const body = (await response.json()) as { tags?: string[] | null };
  return body.tags ?? [];
}

const WEB_DOCKERFILE = `FROM ${BASE_IMAGE}
RUN mkdir -p /www /etc && echo '<h1>Sign in</h1>' > /www/login \\
 && echo 'root:x:0:0:root:/root:/bin/sh' >> /etc/passwd && echo 'web:x:1000:1000:web:/www:/bin/sh' >> /etc/passwd \\
 && echo 'root:x:0:' >> /etc/group && echo 'web:x:1000:' >> /etc/group
LABEL io.example.role=web
ENV APP_HOME=/www
USER web
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
`;

const WEB_TESTS = `    test:
      metadata: { user: web, exposedPorts: [8080], env: { APP_HOME: /www }, labels: { io.example.role: web } }
      files:
        - { path: /www/login, contains: 'Sign in' }
      commands:
        - { run: [id, -un], stdout: '^web$' }
      service:
        ready: { http: { path: /login, port: 8080 }, timeout: 30s }
        http:
          - { name: login, path: /login, status: 200, body: 'Sign in' }
`;

let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  web:
    context: web
    tags: ['localhost:5000/${REPO}/web:${TAG}']
${WEB_TESTS}    scan: { vulnerabilities: { failOn: CRITICAL }, secrets: { failOn: HIGH }, sbom: [cyclonedx] }
  leaky:
    context: leaky
    tags: ['localhost:5000/${REPO}/leaky:${TAG}']
    scan: { vulnerabilities: false, secrets: { failOn: HIGH }, sbom: false }
`,
    'web/Dockerfile': WEB_DOCKERFILE,
    'leaky/Dockerfile': `FROM ${BASE_IMAGE}\nCOPY config.env /app/config.env\n`,
    'leaky/config.env': `AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${FAKE_SECRET}\n`,
  });
});
afterAll(async () => {
  await project.cleanup();
  for (const name of ['web', 'leaky']) {
    try {
      docker(['image', 'rm', '-f', `localhost:5000/${REPO}/${name}:${TAG}`]);
    } catch {
      // not built
    }
  }
});

describe('gates in the build pipeline', () => {
  it('tests, scans and pushes a clean image; JUnit has one case per check and per scan gate', async () => {
    const reportDir = path.join(project.dir, 'out-web');
    const run = await runCli(['build', 'web', '--push', '--progress', 'plain', '--report-dir', reportDir], {
      cwd: project.dir,
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as Parameters<
      typeof imageEntry
    >[0];
    const web = imageEntry(report, 'web');
    expect(web.gates?.status).toBe('passed');
    expect(web.gates?.test?.status).toBe('passed');
    expect(web.gates?.test?.checks.map((check) => check.kind)).toEqual(
      expect.arrayContaining(['metadata', 'file', 'command', 'readiness', 'http']),
    );
    const secrets = web.gates?.scans?.find((scan) => scan.kind === 'secrets');
    expect(secrets).toMatchObject({ status: 'passed', counts: { CRITICAL: 0, HIGH: 0 } });
    // No vulnerability database can be downloaded here: a scanner error, never "no findings".
    const vulnerabilities = web.gates?.scans?.find((scan) => scan.kind === 'vulnerabilities');
    expect(vulnerabilities?.status).toBe('error');
    expect(vulnerabilities?.error?.reason).toBe('no-database');
    expect(vulnerabilities?.blocksOnError).toBe(false);
    const sbom = web.gates?.sboms?.[0];
    expect(sbom?.format).toBe('cyclonedx');
    const sbomFile = path.join(reportDir, sbom?.file ?? 'missing');
    expect(existsSync(sbomFile)).toBe(true);
    expect(JSON.parse(await readFile(sbomFile, 'utf8'))).toMatchObject({ bomFormat: 'CycloneDX' });
    expect(web.push.status).toBe('pushed');
    expect(await registryTags(`${REPO}/web`)).toContain(TAG);
    const junit = await readFile(path.join(reportDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="imageforge.test"');
    expect(junit).toContain('classname="imageforge.test.web" name="http: login"');
    expect(junit).toMatch(/classname="imageforge.scan.web" name="secrets \(fail on HIGH\)"/);
    expect(run.stderr).toMatch(/\[web\]\s+test: \d+ checks passed/);
    expect(containersWithLabel('io.imageforge.test=true')).toEqual([]);
  });

  it('with a failing gate, --push publishes nothing and the run fails', async () => {
    const reportDir = path.join(project.dir, 'out-leaky');
    const run = await runCli(['build', '--push', '--progress', 'plain', '--report-dir', reportDir], {
      cwd: project.dir,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as Parameters<
      typeof imageEntry
    >[0];
    expect(report.status).toBe('failed');
    const leaky = imageEntry(report, 'leaky');
    expect(leaky.status).toBe('built');
    expect(leaky.gates?.status).toBe('failed');
    const secrets = leaky.gates?.scans?.find((scan) => scan.kind === 'secrets');
    expect(secrets?.status).toBe('failed');
    expect(secrets?.blocking.map((finding) => finding.id)).toContain('aws-access-key-id');
    expect(leaky.push.status).toBe('skipped');
    expect(imageEntry(report, 'web').push.status).toBe('skipped');
    expect(await registryTags(`${REPO}/leaky`)).toEqual([]);
    expect(run.stdout).toMatch(/leaky: gates failed/);
    expect(run.stdout).toMatch(/aws-access-key-id/);
    // Trivy masks what it matched: the secret itself appears in no output or artifact.
    for (const text of [
      run.stdout,
      run.stderr,
      await readFile(path.join(reportDir, 'report.json'), 'utf8'),
    ]) {
      expect(text).not.toContain(FAKE_SECRET);
    }
    const junit = await readFile(path.join(reportDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /classname="imageforge.scan.leaky" name="secrets \(fail on HIGH\)"[^>]*>\s*<failure/,
    );
  });

  it('a scanner failure blocks when settings.scan.onError is block (the production default)', async () => {
    const reportDir = path.join(project.dir, 'out-block');
    const run = await runCli(
      [
        'build',
        'web',
        '--set',
        'settings.scan.onError=block',
        '--progress',
        'plain',
        '--report-dir',
        reportDir,
      ],
      { cwd: project.dir },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as Parameters<
      typeof imageEntry
    >[0];
    const web = imageEntry(report, 'web');
    expect(web.gates?.status).toBe('failed');
    expect(web.gates?.scans?.find((scan) => scan.kind === 'vulnerabilities')).toMatchObject({
      status: 'error',
      blocksOnError: true,
      error: { code: 'IMAGEFORGE_SCANNER_NO_DATABASE' },
    });
    expect(run.stdout).toMatch(/vulnerabilities: blocked/);
  });

  it('--no-gates builds without verifying, and is refused under the production policy', async () => {
    const run = await runCli(['build', 'web', '--no-gates', '--progress', 'quiet'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(imageEntry(await project.latestReport(), 'web').gates).toBeUndefined();
    const refused = await runCli(['build', 'web', '--no-gates', '--set', 'settings.policy=production'], {
      cwd: project.dir,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--no-gates is not allowed under the production policy');
  });
});
