// Inputs found by the bad-input corpus (test/fixtures/bad-inputs/) that used to crash, hang, leak or
// mislead: each now fails as a config error naming the file, line and path.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import { MAX_CONFIG_BYTES } from '../../../src/config/read-config-text.js';
import { displaySetFlag } from '../../../src/config/secret-like-name.js';
import { createProject, load, loadFailure } from './project-fixture.js';

/** A project whose imageforge.yaml is exactly `content` (text or bytes). */
async function projectWith(content: string | Buffer): Promise<string> {
  const dir = await createProject(['version: 1']);
  await writeFile(path.join(dir, 'imageforge.yaml'), content);
  return dir;
}

async function failure(dir: string, options: Parameters<typeof load>[1] = {}): Promise<ImageforgeError> {
  const error = await load(dir, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImageforgeError);
  const failed = error as ImageforgeError;
  expect(failed.category).toBe('config');
  return failed;
}

const bomb = [
  'version: 1',
  'x-l0: &l0 [a, a, a, a, a, a, a, a, a]',
  ...Array.from(
    { length: 9 },
    (_, index) => `x-l${index + 1}: &l${index + 1} [${Array(9).fill(`*l${index}`).join(', ')}]`,
  ),
  'images:',
  '  app: {platforms: *l9}',
].join('\n');

describe('config files that are not YAML configs', () => {
  it.each([
    [
      'a NUL byte',
      Buffer.from('version: 1\nimages:\n  app: {}\n\0\u0001'),
      'imageforge.yaml:4: not a text file (a NUL byte on line 4)',
    ],
    [
      'Latin-1 text',
      Buffer.from('version: 1\nimages:\n  app:\n    labels: {a: "Jos\xe9"}\n', 'latin1'),
      'imageforge.yaml:4: not valid UTF-8 (line 4)',
    ],
  ])('refuses %s, naming the line', async (_what, content, message) => {
    const error = await failure(await projectWith(content));
    expect(error.code).toBe(ErrorCode.ConfigSyntax);
    expect(error.message).toBe(message);
  });

  it('refuses a file over the size limit without parsing it', async () => {
    const dir = await projectWith(`version: 1\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    const error = await failure(dir);
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.message).toMatch(
      /^imageforge\.yaml: the file is 1\.0 MiB; imageforge reads config files up to 1\.0 MiB$/,
    );
  });

  it('says so when the config path is a directory', async () => {
    const dir = await createProject(['version: 1']);
    await mkdir(path.join(dir, 'configs'));
    const error = await failure(dir, { file: 'configs' });
    expect(error.message).toBe('config file configs is a directory');
    expect(error.hint).toContain('--file configs/imageforge.yaml');
  });
});

describe('YAML shapes that would exhaust the parser, the stack or memory', () => {
  it.each([
    [
      'an alias bomb',
      bomb,
      'imageforge.yaml:7: x-l5: aliases expand this value to more than 100000 values (an alias bomb?)',
    ],
    [
      'an alias inside its own anchor',
      'version: 1\nimages:\n  app: &me\n    labels: {x: *me}\n',
      'imageforge.yaml:4: images.app.labels.x: alias *me refers to the value that contains it',
    ],
    [
      'an alias without anchor',
      'version: 1\nimages:\n  app:\n    context: *nowhere\n',
      'imageforge.yaml:4: images.app.context: alias *nowhere names no anchor (define &nowhere first)',
    ],
    [
      'nesting past the limit',
      `version: 1\nimages:\n  app:\n    labels: ${'['.repeat(70)}${']'.repeat(70)}\n`,
      'imageforge.yaml:4: images.app.labels.0.0.0.0.0…: nested more than 64 levels deep',
    ],
    [
      'a list of 10,001 items',
      `version: 1\nimages:\n  app:\n    dependsOn: [${Array(10_001).fill('app').join(',')}]\n`,
      'imageforge.yaml:4: images.app.dependsOn: 10001 items; imageforge reads at most 10000 per list',
    ],
  ])('refuses %s, naming line and path', async (_what, content, message) => {
    const error = await failure(await projectWith(content));
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.message).toBe(message);
  });

  it('turns the parser running out of stack into "nested too deeply"', async () => {
    const deep = `version: 1\nimages:\n  app:\n    labels: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const { error, lines } = await loadFailure(await projectWith(deep));
    expect(error.code).toBe(ErrorCode.ConfigSyntax);
    expect(lines[0]).toMatch(/^imageforge\.yaml:4:\d+: nested too deeply to read \(at most 64 levels\)$/);
  });

  it('still accepts anchors used a few times', async () => {
    const dir = await createProject([
      'version: 1',
      'x-common: &common {platforms: [linux/amd64]}',
      'images:',
      '  a: {<<: *common}',
      '  b: {<<: *common}',
    ]);
    const config = await load(dir);
    expect(config.images.b?.platforms).toEqual(['linux/amd64']);
  });
});

describe('--set values that name a secret', () => {
  it.each([
    ['images.app.args.NPM_TOKEN=abc123', 'images.app.args.NPM_TOKEN=***'],
    ['images.app.secrets.npm=env:X', 'images.app.secrets.npm=***'],
    ['defaults.args.db_password=x=y', 'defaults.args.db_password=***'],
    ['images.app.args.VERSION=2', 'images.app.args.VERSION=2'],
    ['images.app.args.TOKEN', 'images.app.args.TOKEN'],
  ])('shows %s as %s', (flag, shown) => {
    expect(displaySetFlag(flag)).toBe(shown);
  });

  it('never puts the value into messages or error details', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app: {}']);
    const { error } = await loadFailure(dir, {
      set: ['images.app.args.API_KEY=s3cr3t-value', 'images.nope.args.TOKEN=s3cr3t-value'],
    });
    expect(
      JSON.stringify({ message: error.message, problems: error.problems.map((p) => p.details) }),
    ).not.toContain('s3cr3t-value');
    expect(error.message).toContain(
      '--set images.app.args.API_KEY=***: images.app.args.API_KEY: looks like a secret',
    );
  });

  it('blames the flag for a map it had to create', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app: {}']);
    const { lines } = await loadFailure(dir, { set: ['images.app.tags.0=app:1'] });
    expect(lines).toEqual([
      '--set images.app.tags.0=app:1: images.app.tags: expected list, received mapping',
    ]);
  });
});

describe('build paths', () => {
  it('names a Dockerfile that is a directory as such', async () => {
    const dir = await createProject(
      ['version: 1', 'images:', '  app: {dockerfile: docker}'],
      ['docker/Dockerfile'],
    );
    const { lines } = await loadFailure(dir);
    expect(lines[0]).toMatch(
      /^imageforge\.yaml:3: images\.app\.dockerfile: Dockerfile "docker" is a directory, not a file/,
    );
  });

  it('names the default Dockerfile and where its symlink leads when it escapes the project', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app: {}'], []);
    await symlink('/etc/passwd', path.join(dir, 'Dockerfile'));
    const { lines } = await loadFailure(dir);
    expect(lines[0]).toBe(
      `imageforge.yaml:3: images.app.dockerfile: dockerfile "Dockerfile" is outside the project directory ${dir} (a symlink to /etc/passwd)`,
    );
  });
});
