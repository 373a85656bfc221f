// `imageforge test IMAGE` and `imageforge scan IMAGE` on local images outside a build, and Ctrl-C
// while an image's service is being tested: exit 130, a report, and no test container left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { containersWithLabel, docker } from '../support/docker.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('gcli');
const WEB = `itg-gcli/web:${TAG}`;
const SLOW = `itg-gcli/slow:${TAG}`;
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  web:
    context: web
    tags: ['${WEB}']
    test:
      files: [{ path: /www/index.html, contains: hello }]
      service:
        ready: { port: 8080, timeout: 20s }
        http: [{ path: /index.html, status: 200, body: hello }]
  slow:
    context: slow
    tags: ['${SLOW}']
    test:
      service:
        ready: { log: 'never printed', timeout: 120s }
`,
    'web/Dockerfile': `FROM ${BASE_IMAGE}\nRUN mkdir -p /www && echo hello > /www/index.html\nEXPOSE 8080\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`,
    'slow/Dockerfile': `FROM ${BASE_IMAGE}\nCMD ["sleep", "600"]\n`,
    'broken-spec.yaml': 'service:\n  http: [{ path: /index.html, status: 201 }]\n',
  });
  const built = await runCli(['build', '--no-gates', '--progress', 'quiet'], { cwd: project.dir });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}`);
});
afterAll(async () => {
  await project.cleanup();
  for (const reference of [WEB, SLOW]) {
    try {
      docker(['image', 'rm', '-f', reference]);
    } catch {
      // not built
    }
  }
});

describe('imageforge test', () => {
  it('runs the tests of a config image and writes JUnit', async () => {
    const junit = path.join(project.dir, 'test-junit.xml');
    const run = await runCli(['test', 'web', '--junit', junit], { cwd: project.dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/passed: \d+ checks/);
    expect(await readFile(junit, 'utf8')).toContain('classname="imageforge.test.itg-gcli/web');
  });

  it('runs a spec file against any local reference and fails with what was expected and what came', async () => {
    const run = await runCli(['test', WEB, '--spec', 'broken-spec.yaml', '--json'], { cwd: project.dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      status: string;
      checks: Array<{ status: string; message?: string }>;
    };
    expect(result.status).toBe('failed');
    const failed = result.checks.find((check) => check.status === 'failed');
    expect(failed?.message).toMatch(/expected status 201, got 200/);
  });

  it('a reference without tests is a usage error; a missing image fails the tests', async () => {
    const noSpec = await runCli(['test', WEB], { cwd: project.dir });
    expect(noSpec.code).toBe(2);
    expect(noSpec.stderr).toMatch(/pass --spec/);
    const missing = await runCli(['test', 'itg-gcli/none:missing', '--spec', 'broken-spec.yaml'], {
      cwd: project.dir,
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/not found/);
  });

  it('a bad spec file exits 2 naming the file and the field', async () => {
    await writeFile(path.join(project.dir, 'bad-spec.yaml'), 'files: [{ path: relative/path }]\n');
    const run = await runCli(['test', WEB, '--spec', 'bad-spec.yaml'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-spec.yaml: files.0.path: file paths in tests are absolute/);
  });
});

describe('imageforge scan IMAGE', () => {
  it('scans a local image for secrets and writes an SBOM; the missing DB is reported, not hidden', async () => {
    const out = path.join(project.dir, 'scan-out');
    const run = await runCli(['scan', WEB, '--sbom', 'cyclonedx', '--output-dir', out, '--json'], {
      cwd: project.dir,
    });
    expect(run.code, run.stderr).toBe(0);
    const gates = JSON.parse(run.stdout) as {
      scans: Array<{ kind: string; status: string; error?: { reason: string } }>;
      sboms: Array<{ file: string; error?: string }>;
    };
    expect(gates.scans.find((scan) => scan.kind === 'secrets')?.status).toBe('passed');
    expect(gates.scans.find((scan) => scan.kind === 'vulnerabilities')).toMatchObject({
      status: 'error',
      error: { reason: 'no-database' },
    });
    const sbom = JSON.parse(await readFile(path.join(out, gates.sboms[0]?.file ?? 'x'), 'utf8')) as {
      bomFormat: string;
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
  });
});

describe('Ctrl-C during image tests', () => {
  it('exits 130 with a report, and leaves no test container behind', async () => {
    let pid = 0;
    let sent = false;
    const run = await runCli(['build', 'slow', '--progress', 'plain'], {
      cwd: project.dir,
      onSpawn: (child) => (pid = child),
      onStderr: (text) => {
        if (!sent && text.includes('test: running')) {
          sent = true;
          setTimeout(() => process.kill(pid, 'SIGINT'), 1500);
        }
      },
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    const report = await project.latestReport();
    expect(report.status).toBe('cancelled');
    expect(imageEntry(report, 'slow').gates?.test?.status).toBe('failed');
    expect(containersWithLabel('io.imageforge.test=true').filter((id) => id !== '')).toEqual([]);
  });
});
