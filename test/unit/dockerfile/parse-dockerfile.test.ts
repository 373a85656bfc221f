import { describe, expect, it } from 'vitest';
import { parseDockerfile, readDockerfile } from '../../../src/dockerfile/index.js';
import { caught, fixture } from './fixtures.js';

describe('readDockerfile', () => {
  it('reads stages, global ARGs, the syntax directive and instructions with 1-based lines', async () => {
    const parsed = await readDockerfile(fixture('multi-stage.Dockerfile'));

    expect(parsed.syntax).toBe('docker/dockerfile:1');
    expect(parsed.escapeCharacter).toBe('\\');
    expect(parsed.globalArgs).toEqual({
      REGISTRY: 'localhost:5000',
      BASE_TAG: undefined,
      BUILDER_IMAGE: '${REGISTRY}/base/busybox:${BASE_TAG:-latest}',
      RUNTIME_VARIANT: undefined,
    });
    expect(parsed.stages).toEqual([
      { index: 0, name: 'build', from: '${BUILDER_IMAGE}', platform: '$BUILDPLATFORM', line: 7 },
      { index: 1, name: 'lint', from: '$REGISTRY/tools/lint:1.2', line: 10 },
      { index: 2, name: 'assets', from: 'scratch', line: 13 },
      {
        index: 3,
        name: 'runtime',
        from: '${REGISTRY}/base/runtime${RUNTIME_VARIANT:+-$RUNTIME_VARIANT}',
        line: 16,
      },
      { index: 4, name: 'debug', from: 'build', line: 20 },
    ]);
    expect(parsed.instructions.find((instruction) => instruction.line === 18)).toEqual({
      keyword: 'RUN',
      line: 18,
      stageIndex: 3,
      flags: ['--mount=type=bind,from=assets,target=/assets'],
      text: 'RUN --mount=type=bind,from=assets,target=/assets cp /assets/nginx.conf /app/',
    });
    expect(
      parsed.instructions.filter((instruction) => instruction.stageIndex === -1).map((i) => i.line),
    ).toEqual([2, 3, 4, 5]);
  });

  it('keeps continuation lines and heredoc bodies in the instruction text', async () => {
    const parsed = await readDockerfile(fixture('buildkit-only.Dockerfile'));

    expect(parsed.instructions.find((instruction) => instruction.line === 9)?.text).toBe(
      'RUN <<EOF\necho heredoc\nEOF',
    );
    expect(parsed.instructions.find((instruction) => instruction.line === 23)?.text).toBe(
      'RUN --mount=type=cache,target=/var/cache/apt --network=host \\\n    echo combined',
    );
  });

  it('reports a missing file as IMAGEFORGE_DOCKERFILE_MISSING', async () => {
    const error = await caught(() => readDockerfile(fixture('does-not-exist.Dockerfile')));

    expect(error.code).toBe('IMAGEFORGE_DOCKERFILE_MISSING');
    expect(error.location?.file).toBe(fixture('does-not-exist.Dockerfile'));
  });
});

describe('Dockerfile syntax errors', () => {
  it.each([
    ['unknown-instruction.Dockerfile', 3, 'unknown instruction: RUNN (did you mean `RUN`?)'],
    ['run-before-from.Dockerfile', 2, 'RUN before the first FROM: only ARG may come before FROM'],
    ['from-without-image.Dockerfile', 4, 'FROM requires an image'],
    [
      'from-bad-arguments.Dockerfile',
      2,
      'FROM requires either one or three arguments: FROM <image> [AS <name>]',
    ],
    ['duplicate-stage.Dockerfile', 2, 'duplicate stage name "build" (first defined on line 1)'],
    ['empty-run.Dockerfile', 2, 'RUN requires at least one argument'],
  ])('%s fails at line %d', async (name, line, message) => {
    const file = fixture(`invalid/${name}`);

    const error = await caught(() => readDockerfile(file));

    expect(error.code).toBe('IMAGEFORGE_DOCKERFILE_SYNTAX');
    expect(error.category).toBe('config');
    expect(error.location).toEqual({ file, line });
    expect(error.message).toBe(message);
  });

  it('rejects a Dockerfile without FROM, naming the file', async () => {
    const file = fixture('invalid/no-from.Dockerfile');

    const error = await caught(() => readDockerfile(file));

    expect(error.code).toBe('IMAGEFORGE_DOCKERFILE_SYNTAX');
    expect(error.message).toBe(`${file} has no FROM instruction`);
    expect(error.location).toEqual({ file });
  });

  it('rejects an invalid stage name', async () => {
    const error = await caught(() => parseDockerfile('Dockerfile', 'FROM busybox AS 1st\n'));

    expect(error.location).toEqual({ file: 'Dockerfile', line: 1 });
    expect(error.message).toContain('invalid stage name "1st"');
  });
});
