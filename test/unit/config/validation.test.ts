import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { ErrorCode } from '../../../src/errors/codes.js';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import { createProject, loadFailure } from './project-fixture.js';

async function failureLines(lines: string[], files?: string[]): Promise<string[]> {
  return (await loadFailure(await createProject(lines, files))).lines;
}

describe('validation: every problem at once, one line each with file:line and path', () => {
  it('collects type errors, unknown keys and range errors across the file', async () => {
    const dir = await createProject([
      'version: 1', //                                     1
      'settings:', //                                      2
      '  paralel: 4', //                                   3
      'defaults:', //                                      4
      '  retry: {attempts: 50}', //                        5
      'images:', //                                        6
      '  controller:', //                                  7
      '    target: 3', //                                  8
      '    dependOn: [base]', //                           9
      '    args: {V: [1]}', //                            10
      '    timeout: 5 minutes', //                        11
      '    pull: maybe', //                               12
    ]);
    const { error, lines } = await loadFailure(dir);
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.hint).toContain('imageforge config validate');
    expect(lines).toEqual([
      'imageforge.yaml:3: settings.paralel: unknown key (did you mean `parallel`?)',
      'imageforge.yaml:5: defaults.retry.attempts: must be at most 20',
      'imageforge.yaml:8: images.controller.target: expected string, received number',
      'imageforge.yaml:9: images.controller.dependOn: unknown key (did you mean `dependsOn`?)',
      'imageforge.yaml:10: images.controller.args.V: expected string, received list',
      'imageforge.yaml:11: images.controller.timeout: invalid duration; use "500ms", "30s", "10m", "1h30m" or a number of seconds',
      'imageforge.yaml:12: images.controller.pull: expected boolean, received string "maybe"',
    ]);
    const [first] = error.problems;
    expect(first).toBeInstanceOf(ImageforgeError);
    expect(first?.location).toEqual({
      file: path.join(dir, 'imageforge.yaml'),
      line: 3,
      path: 'settings.paralel',
    });
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('offers no suggestion when nothing is close', async () => {
    expect(await failureLines(['version: 1', 'images:', '  app: {completely: x}'])).toEqual([
      'imageforge.yaml:3: images.app.completely: unknown key',
    ]);
  });

  it.each([
    [
      'tags: [Registry.io/Team/App]',
      'images.app.tags.0: invalid tag "Registry.io/Team/App": repository name must be lowercase',
    ],
    [
      'tags: ["app@sha256:abc"]',
      'images.app.tags.0: invalid tag "app@sha256:abc": digests cannot be used as build tags; use `name:tag`',
    ],
    [
      'tags: ["app:-bad"]',
      'images.app.tags.0: invalid tag "app:-bad": not a valid image reference; expected `[registry[:port]/]path[:tag]`, e.g. `localhost:5000/team/app:1.0`',
    ],
    [
      'platforms: [linux]',
      'images.app.platforms.0: invalid platform "linux": expected `os/arch[/variant]`, e.g. `linux/amd64` or `linux/arm64/v8`',
    ],
    ['retry: {attempts: 0}', 'images.app.retry.attempts: must be at least 1'],
    ['retry: {jitter: 2}', 'images.app.retry.jitter: must be at most 1'],
    [
      'retry: {initialDelay: 1m, maxDelay: 10s}',
      'images.app.retry.initialDelay: must not be longer than retry.maxDelay',
    ],
    [
      'secrets: {a: {env: A, file: b}}',
      'images.app.secrets.a: a secret needs exactly one of `env` or `file`',
    ],
    ['secrets: {a: {}}', 'images.app.secrets.a: a secret needs exactly one of `env` or `file`'],
    [
      'secrets: {a: "token"}',
      'images.app.secrets.a: expected `env:NAME`, `file:PATH`, `{env: NAME}` or `{file: PATH}`',
    ],
    ['dependsOn: [ap]', 'images.app.dependsOn.0: unknown image `ap`'],
    ['dependsOn: [app]', 'images.app.dependsOn.0: an image cannot depend on itself'],
    ['dockerfile: ""', 'images.app.dockerfile: must not be empty'],
    ['tags: []', 'images.app.tags: must not be empty'],
  ])('%s', async (field, expected) => {
    expect(
      await failureLines(['version: 1', 'images:', `  app: {${field.replace(/^(\w+): /, '$1: ')}}`]),
    ).toEqual([`imageforge.yaml:3: ${expected}`]);
  });

  it('suggests the intended image for dependsOn typos', async () => {
    const lines = await failureLines(['version: 1', 'images:', '  base: {}', '  app: {dependsOn: [bsae]}']);
    expect(lines).toEqual([
      'imageforge.yaml:4: images.app.dependsOn.0: unknown image `bsae` (did you mean `base`?)',
    ]);
  });

  it('checks settings', async () => {
    expect(await failureLines(['version: 1', 'settings: {parallel: 0}', 'images: {app: {}}'])).toEqual([
      'imageforge.yaml:2: settings.parallel: must be at least 1',
    ]);
  });

  it('validates image names', async () => {
    expect(await failureLines(['version: 1', 'images:', '  My_App: {}'])).toEqual([
      'imageforge.yaml:3: images.My_App: invalid name "My_App": image names use lowercase letters, digits, `.`, `_` and `-`',
    ]);
  });

  it('rejects two images pushing the same tag', async () => {
    const lines = await failureLines([
      'version: 1',
      'images:',
      '  a: {tags: [x:1]}',
      '  b:',
      '    tags: [x:1]',
    ]);
    expect(lines).toEqual(['imageforge.yaml:5: images.b.tags: tag "x:1" is also used by image `a`']);
  });

  it('rejects secret-looking build args without echoing their value', async () => {
    const { lines, error } = await loadFailure(
      await createProject([
        'version: 1',
        'images:',
        '  app:',
        '    args:',
        '      NPM_TOKEN: s3cr3t-value',
        '      api_key: k',
      ]),
    );
    expect(lines).toEqual([
      'imageforge.yaml:5: images.app.args.NPM_TOKEN: looks like a secret; pass it with `secrets:` (mounted with RUN --mount=type=secret) instead',
      'imageforge.yaml:6: images.app.args.api_key: looks like a secret; pass it with `secrets:` (mounted with RUN --mount=type=secret) instead',
    ]);
    expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('s3cr3t-value');
  });

  it('reports secret-looking args from defaults once, at the defaults line', async () => {
    const lines = await failureLines([
      'version: 1',
      'defaults: {args: {PASSWORD: x}}',
      'images: {a: {}, b: {}}',
    ]);
    expect(lines).toEqual([
      'imageforge.yaml:2: defaults.args.PASSWORD: looks like a secret; pass it with `secrets:` (mounted with RUN --mount=type=secret) instead',
    ]);
  });
});

describe('validation: file level', () => {
  it('requires version 1', async () => {
    expect(await failureLines(['images: {app: {}}'])).toEqual([
      'imageforge.yaml: version: missing; start the file with `version: 1`',
    ]);
    expect(await failureLines(['version: 2', 'images: {app: {}}'])).toEqual([
      'imageforge.yaml:1: version: unsupported version; this imageforge reads `version: 1`',
    ]);
  });

  it('requires at least one image', async () => {
    expect(await failureLines(['version: 1'])).toEqual([
      'imageforge.yaml: images: required mapping is missing',
    ]);
    expect(await failureLines(['version: 1', 'images: {}'])).toEqual([
      'imageforge.yaml:2: images: define at least one image',
    ]);
  });

  it('explains an empty file and a file that is not a mapping', async () => {
    expect(await failureLines(['# nothing yet'])).toEqual([
      'imageforge.yaml: the file is empty; start it with `version: 1` and an `images:` map',
    ]);
    expect(await failureLines(['- version: 1'])).toEqual([
      'imageforge.yaml:1: expected a mapping with `version:` and `images:` at the top level, found a list',
    ]);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const { error, lines } = await loadFailure(
      await createProject(['version: 1', 'images:', '  app: {target: [x}']),
    );
    expect(error.code).toBe(ErrorCode.ConfigSyntax);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) expect(line).toMatch(/^imageforge\.yaml:3:\d+: \S/);
    expect(error.problems[0]?.location).toMatchObject({ line: 3 });
  });

  it('rejects duplicate keys as a syntax error', async () => {
    const { error, lines } = await loadFailure(
      await createProject(['version: 1', 'images: {}', 'images: {}']),
    );
    expect(error.code).toBe(ErrorCode.ConfigSyntax);
    expect(lines[0]).toBe('imageforge.yaml:3:1: duplicate key `images` (keys of a map must be unique)');
  });

  it('reports a missing file with a hint', async () => {
    const error: unknown = await loadConfig({ cwd: '/nonexistent-imageforge-dir' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ImageforgeError);
    expect(error).toMatchObject({
      code: ErrorCode.ConfigNotFound,
      category: 'config',
      message:
        'config file imageforge.yaml not found (looked for /nonexistent-imageforge-dir/imageforge.yaml)',
    });
    expect((error as ImageforgeError).hint).toContain('--file');
  });
});

describe('validation: paths', () => {
  it('reports a missing context directory with its line', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app:', '    context: app'], []);
    const { error, lines } = await loadFailure(dir);
    expect(error.code).toBe(ErrorCode.ContextMissing);
    expect(lines).toEqual([
      `imageforge.yaml:4: images.app.context: context directory "app" does not exist (${path.join(dir, 'app')})`,
    ]);
  });

  it('reports a missing Dockerfile, resolved relative to the context', async () => {
    const dir = await createProject(
      ['version: 1', 'images:', '  app: {context: app, dockerfile: Dockerfile.dev}'],
      ['app/'],
    );
    const { error, lines } = await loadFailure(dir);
    expect(error.code).toBe(ErrorCode.DockerfileMissing);
    expect(lines).toEqual([
      `imageforge.yaml:3: images.app.dockerfile: Dockerfile "app/Dockerfile.dev" does not exist (${path.join(dir, 'app/Dockerfile.dev')})`,
    ]);
  });

  it('points at the image when the default Dockerfile is missing', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app:'], []);
    const { lines } = await loadFailure(dir);
    expect(lines).toEqual([
      `imageforge.yaml:3: images.app.dockerfile: Dockerfile "Dockerfile" does not exist (${path.join(dir, 'Dockerfile')})`,
    ]);
  });

  it('rejects contexts and Dockerfiles outside the project directory', async () => {
    const dir = await createProject(
      [
        'version: 1',
        'images:',
        '  up: {context: ../..}',
        '  df: {context: app, dockerfile: ../../Dockerfile}',
        '  abs: {context: /tmp}',
      ],
      ['app/'],
    );
    const { error, lines } = await loadFailure(dir);
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(lines).toEqual([
      `imageforge.yaml:3: images.up.context: context "../.." is outside the project directory ${dir}`,
      `imageforge.yaml:4: images.df.dockerfile: dockerfile "../../Dockerfile" is outside the project directory ${dir}`,
      `imageforge.yaml:5: images.abs.context: context "/tmp" is outside the project directory ${dir}`,
    ]);
  });

  it('rejects a context that escapes through a symlink', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app: {context: link}'], []);
    const outside = await createProject(['version: 1'], ['Dockerfile']);
    await symlink(outside, path.join(dir, 'link'));
    const { lines } = await loadFailure(dir);
    expect(lines).toEqual([
      `imageforge.yaml:3: images.app.context: context "link" is outside the project directory ${dir} (a symlink to ${outside})`,
    ]);
  });

  it('accepts secret files anywhere, without checking they exist', async () => {
    const dir = await createProject([
      'version: 1',
      'images:',
      '  app: {secrets: {npmrc: {file: ../outside/npmrc}}}',
    ]);
    await mkdir(path.join(dir, 'unused'));
    await writeFile(path.join(dir, 'unused', 'x'), '');
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.images.app?.secrets.npmrc).toEqual({ file: path.resolve(dir, '../outside/npmrc') });
  });
});
