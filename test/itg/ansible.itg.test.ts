// The Ansible example (examples/integrations/ansible) run for real with Debian's ansible-playbook
// against localhost and the real engine: it installs imageforge from this checkout into a temporary
// npm prefix, then builds a throwaway project; the JSON report decides `changed` (an image was built)
// and `failed` (exit code / report status), and a failing build fails the play with imageforge's error.
// Needs ansible-playbook: `bash scripts/ansible.sh install` (scripts/test.sh runs it).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { docker } from '../support/docker.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';

const PLAYBOOK_DIR = path.join(ROOT, 'examples/integrations/ansible');
const TAG = uniqueTag('ans');
const REPOSITORY = 'itg/ansible-app';
const IMAGE = `localhost:5000/${REPOSITORY}:${TAG}`;
const BROKEN_IMAGE = `itg/ansible-broken:${TAG}`;

let work: string;
let prefix: string;
let app: TestProject;
let broken: TestProject;
let misconfigured: TestProject;

interface PlaybookRun {
  code: number | null;
  output: string;
  /** The PLAY RECAP counters of localhost. */
  recap: Record<string, number>;
}

function ansiblePlaybook(vars: Record<string, unknown>, extraArgs: string[] = []): Promise<PlaybookRun> {
  const args = ['-i', 'inventory.ini', 'playbook.yml', '--extra-vars', JSON.stringify(vars), ...extraArgs];
  return new Promise((resolve, reject) => {
    const child = spawn('ansible-playbook', args, {
      cwd: PLAYBOOK_DIR,
      env: {
        ...process.env,
        // the engine of the integration tests (scripts/engine.sh), handed to imageforge through Ansible
        DOCKER_HOST: process.env.DOCKER_HOST,
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: 'false',
        ANSIBLE_LOCAL_TEMP: path.join(work, 'ansible-tmp'),
        ANSIBLE_REMOTE_TEMP: path.join(work, 'ansible-tmp'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, recap: recapOf(output) }));
  });
}

function recapOf(output: string): Record<string, number> {
  const line = /^localhost\s*:\s*(.*)$/m.exec(output.slice(output.lastIndexOf('PLAY RECAP')))?.[1] ?? '';
  const counters: Record<string, number> = {};
  for (const [, name, count] of line.matchAll(/(\w+)=(\d+)/g)) if (name) counters[name] = Number(count);
  return counters;
}

function build(
  project: TestProject,
  vars: Record<string, unknown> = {},
  extraArgs: string[] = [],
): Promise<PlaybookRun> {
  return ansiblePlaybook({ imageforge_prefix: prefix, imageforge_project: project.dir, ...vars }, extraArgs);
}

beforeAll(async () => {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('ansible-playbook not found: run `bash scripts/ansible.sh install` first');
  }
  work = await mkdtemp(path.join(os.tmpdir(), 'imageforge-ansible-'));
  prefix = path.join(work, 'prefix');
  app = await createProject({
    'imageforge.yaml': `version: 1\nimages:\n  app: {context: app, tags: ['${IMAGE}']}\n`,
    'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo built-by-ansible > /ansible\n`,
  });
  broken = await createProject({
    'imageforge.yaml': `version: 1\nimages:\n  broken: {context: broken, tags: ['${BROKEN_IMAGE}']}\n`,
    'broken/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo about-to-fail-${TAG} && exit 7\n`,
  });
  misconfigured = await createProject({
    'imageforge.yaml': `version: 1\nimages:\n  app:\n    contxt: app\n`,
  });
});

afterAll(async () => {
  await Promise.all([app.cleanup(), broken.cleanup(), misconfigured.cleanup()]);
  await rm(work, { recursive: true, force: true });
  docker(['rmi', '-f', IMAGE, BROKEN_IMAGE]);
});

describe('Ansible example playbook (ansible-playbook against localhost)', () => {
  it('installs imageforge from the checkout into the chosen prefix', async () => {
    const run = await build(app, {}, ['--tags', 'install']);
    expect(run.code, run.output).toBe(0);
    expect(run.recap).toMatchObject({ changed: 1, failed: 0 });
    // a real installation in the prefix, not a link back into this checkout
    const bin = path.join(prefix, 'bin/imageforge');
    expect(realpathSync(bin).startsWith(realpathSync(prefix))).toBe(true);
    expect(existsSync(path.join(prefix, 'lib/node_modules/imageforge/node_modules/better-sqlite3'))).toBe(
      true,
    );
    expect(run.output).toMatch(/TASK \[Install the package\][^\n]*\n+changed: \[localhost\]/);
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
  }, 1_200_000);

  it('reports changed=1 when it built an image, through the engine from DOCKER_HOST', async () => {
    const run = await build(app);
    expect(run.code, run.output).toBe(0);
    expect(run.recap).toMatchObject({ changed: 1, failed: 0 });
    // the installed imageforge was current: only the build changed something
    expect(run.output).toMatch(/TASK \[Install the package\][^\n]*\n+skipping: \[localhost\]/);
    expect(run.output).toMatch(/1 built, 0 up to date, 0 failed/);
    const report = await app.latestReport();
    expect(report.status).toBe('succeeded');
    expect(imageEntry(report, 'app').status).toBe('built');
    expect(report.environment.dockerHost).toBe(process.env.DOCKER_HOST);
    expect(docker(['run', '--rm', IMAGE, 'cat', '/ansible'])).toBe('built-by-ansible');
  });

  it('reports changed=0 when every image is up to date', async () => {
    const run = await build(app);
    expect(run.code, run.output).toBe(0);
    expect(run.recap).toMatchObject({ changed: 0, failed: 0 });
    expect(run.output).toMatch(/0 built, 1 up to date, 0 failed/);
    const report = await app.latestReport();
    expect(imageEntry(report, 'app').upToDate).toBe(true);
  });

  it('publishes with imageforge_push=true (an up-to-date image is pushed, nothing is built)', async () => {
    const run = await build(app, { imageforge_push: true });
    expect(run.code, run.output).toBe(0);
    expect(run.recap).toMatchObject({ changed: 0, failed: 0 });
    const report = await app.latestReport();
    expect(report.options.push).toBe(true);
    expect(imageEntry(report, 'app').push.status).toBe('pushed');
    const tags = (await (await fetch(`http://127.0.0.1:5000/v2/${REPOSITORY}/tags/list`)).json()) as {
      tags?: string[];
    };
    expect(tags.tags).toContain(TAG);
  });

  it('fails the play when a RUN step fails, showing imageforge’s error and the step output', async () => {
    const run = await build(broken);
    expect(run.code).not.toBe(0);
    expect(run.recap).toMatchObject({ failed: 1, changed: 0 });
    const failure =
      /TASK \[Explain why imageforge failed\][^\n]*\nfatal: \[localhost\]: FAILED! => (.*)/.exec(run.output);
    expect(failure?.[1], run.output).toBeDefined();
    const { msg } = JSON.parse(failure?.[1] ?? '{}') as { msg: string };
    expect(msg).toMatch(/^imageforge build exited 1 \(a build, gate or push failed/);
    expect(msg).toContain('broken: RUN step failed with exit code 7');
    expect(msg).toContain(`about-to-fail-${TAG}`);
    expect((await broken.latestReport()).status).toBe('failed');
  });

  it('fails the play on a configuration error, naming the file, line and key', async () => {
    const run = await build(misconfigured);
    expect(run.code).not.toBe(0);
    expect(run.recap).toMatchObject({ failed: 1, changed: 0 });
    expect(run.output).toMatch(
      /imageforge build exited 2 \(usage or configuration error\)\. .*imageforge\.yaml:4: images\.app\.contxt: unknown key/,
    );
  });
});
