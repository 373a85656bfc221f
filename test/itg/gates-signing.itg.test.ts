// Signing inside `imageforge build --push`: with settings.sign, each pushed digest is signed with the
// project's cosign key pair and verified; the report records the signature, and the password never
// appears in any output or artifact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { exec, isSuccess } from '../../src/exec/exec.js';
import { verifyImage } from '../../src/gates/sign/verify-image.js';
import { runCli } from '../support/cli.js';
import { docker } from '../support/docker.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';

const TAG = uniqueTag('sign');
const REPOSITORY = `localhost:5000/itg-sign-${TAG}/app`;
const PASSWORD = `pw-${TAG}-Zq81`;
let project: TestProject;

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
settings:
  sign: { key: keys/cosign.key, passwordEnv: ITG_SIGN_PASSWORD }
images:
  app:
    context: app
    tags: ['${REPOSITORY}:${TAG}']
`,
    'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo ${TAG} > /stamp\n`,
  });
  await project.write('keys/.keep', '');
  const generated = await exec('cosign', ['generate-key-pair'], {
    cwd: path.join(project.dir, 'keys'),
    env: { COSIGN_PASSWORD: PASSWORD },
    timeoutMs: 60_000,
  });
  if (!isSuccess(generated)) throw new Error(`cosign generate-key-pair: ${generated.stderr}`);
});
afterAll(async () => {
  await project.cleanup();
  try {
    docker(['image', 'rm', '-f', `${REPOSITORY}:${TAG}`]);
  } catch {
    // not built
  }
});

describe('signing in the build pipeline', () => {
  it('signs and verifies the pushed digest and records it in report.json and JUnit', async () => {
    const reportDir = path.join(project.dir, 'out');
    const run = await runCli(['build', '--push', '--progress', 'plain', '--report-dir', reportDir], {
      cwd: project.dir,
      env: { ITG_SIGN_PASSWORD: PASSWORD },
    });
    expect(run.code, run.stderr).toBe(0);
    const reportText = await readFile(path.join(reportDir, 'report.json'), 'utf8');
    const app = imageEntry(JSON.parse(reportText) as Parameters<typeof imageEntry>[0], 'app');
    expect(app.push.status).toBe('pushed');
    const signature = app.gates?.signatures?.[0];
    expect(signature).toMatchObject({
      status: 'verified',
      reference: `${REPOSITORY}@${app.digest ?? ''}`,
      verified: true,
      tlog: false,
    });
    // Independently of imageforge: cosign verifies the pushed digest with the public key.
    const verified = await verifyImage({
      reference: `${REPOSITORY}@${app.digest ?? ''}`,
      publicKey: path.join(project.dir, 'keys/cosign.pub'),
      tlog: false,
      allowHttpRegistry: true,
      env: {},
      timeoutMs: 60_000,
    });
    expect(verified.ok, verified.message).toBe(true);
    const junit = await readFile(path.join(reportDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('classname="imageforge.sign.app"');
    for (const text of [run.stdout, run.stderr, reportText, junit]) expect(text).not.toContain(PASSWORD);
  });

  it('a wrong password fails the run after the push, with a clear message and no password shown', async () => {
    const reportDir = path.join(project.dir, 'out-wrong');
    await project.write('app/extra.txt', 'changed');
    await project.write('app/Dockerfile', `FROM ${BASE_IMAGE}\nCOPY extra.txt /extra.txt\n`);
    const wrong = `wrong-${PASSWORD}`;
    const run = await runCli(['build', '--push', '--progress', 'plain', '--report-dir', reportDir], {
      cwd: project.dir,
      env: { ITG_SIGN_PASSWORD: wrong },
    });
    expect(run.code).toBe(1);
    const reportText = await readFile(path.join(reportDir, 'report.json'), 'utf8');
    const app = imageEntry(JSON.parse(reportText) as Parameters<typeof imageEntry>[0], 'app');
    expect(app.gates?.status).toBe('failed');
    expect(app.gates?.signatures?.[0]?.message).toMatch(/wrong password/);
    expect(run.stdout).toMatch(/sign .*wrong password/);
    for (const text of [run.stdout, run.stderr, reportText]) expect(text).not.toContain(wrong);
  });
});
