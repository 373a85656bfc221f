// Incremental builds: an image whose inputs did not change and whose image still exists skips
// BuildKit (`skipped: up to date`); any change — its context, a parent, an external base that moved,
// a removed image — builds it again, and --force builds everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';
import { docker } from '../support/docker.js';

const TAG = uniqueTag('inc');
const EXTERNAL = `itg/external:${TAG}`;
let project: TestProject;

async function build(...args: string[]) {
  const run = await runCli(['build', '--progress', 'plain', ...args], { cwd: project.dir });
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(0);
  const report = await project.latestReport();
  return Object.fromEntries(
    report.images.map((image) => [image.name, image.upToDate ? 'up-to-date' : image.status]),
  );
}

beforeAll(async () => {
  docker(['tag', BASE_IMAGE, EXTERNAL]);
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  base: {context: base, tags: [itg/inc-base:${TAG}]}
  leaf: {context: leaf, tags: [itg/inc-leaf:${TAG}]}
  other: {context: other, tags: [itg/inc-other:${TAG}]}
`,
    'base/Dockerfile': `FROM ${EXTERNAL}\nRUN echo base > /base\n`,
    'leaf/Dockerfile': `FROM itg/inc-base:${TAG}\nCOPY . /leaf\n`,
    'leaf/app.txt': 'v1\n',
    'leaf/.dockerignore': 'notes.md\n',
    'leaf/notes.md': 'ignored\n',
    'other/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo other > /other\n`,
  });
});
afterAll(async () => {
  await project.cleanup();
  docker(['rmi', '-f', EXTERNAL]);
});

describe('incremental builds', () => {
  it('builds everything first, then skips what did not change', async () => {
    expect(await build()).toEqual({ base: 'built', leaf: 'built', other: 'built' });
    expect(await build()).toEqual({ base: 'up-to-date', leaf: 'up-to-date', other: 'up-to-date' });
    const report = await project.latestReport();
    expect(report.status).toBe('succeeded');
    expect(report.summary.upToDate).toBe(3);
    expect(imageEntry(report, 'leaf').reason).toBe('up to date');
  });

  it('rebuilds only the image whose context changed; ignored files do not count', async () => {
    await project.write('leaf/notes.md', 'still ignored\n');
    expect(await build()).toEqual({ base: 'up-to-date', leaf: 'up-to-date', other: 'up-to-date' });
    await project.write('leaf/app.txt', 'v2\n');
    expect(await build()).toEqual({ base: 'up-to-date', leaf: 'built', other: 'up-to-date' });
  });

  it('rebuilds dependents when their parent changed', async () => {
    await project.write('base/Dockerfile', `FROM ${EXTERNAL}\nRUN echo base2 > /base\n`);
    expect(await build()).toEqual({ base: 'built', leaf: 'built', other: 'up-to-date' });
  });

  it('rebuilds when an external base image moved', async () => {
    docker(['tag', `itg/inc-other:${TAG}`, EXTERNAL]);
    expect(await build()).toEqual({ base: 'built', leaf: 'built', other: 'up-to-date' });
  });

  it('rebuilds an image that was removed from the engine, and --force rebuilds all', async () => {
    docker(['rmi', `itg/inc-other:${TAG}`]);
    expect(await build()).toEqual({ base: 'up-to-date', leaf: 'up-to-date', other: 'built' });
    expect(await build('--force')).toEqual({ base: 'built', leaf: 'built', other: 'built' });
  });
});
