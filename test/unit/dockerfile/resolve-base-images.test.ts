import { describe, expect, it } from 'vitest';
import { readDockerfile, resolveBaseImages } from '../../../src/dockerfile/index.js';
import { caught, fixture } from './fixtures.js';

describe('resolveBaseImages', () => {
  it('substitutes global ARG defaults and skips scratch and stage references', async () => {
    const parsed = await readDockerfile(fixture('multi-stage.Dockerfile'));

    expect(resolveBaseImages(parsed, {})).toEqual([
      { ref: 'localhost:5000/base/busybox:latest', line: 7, stageIndex: 0 },
      { ref: 'localhost:5000/tools/lint:1.2', line: 10, stageIndex: 1 },
      { ref: 'localhost:5000/base/runtime', line: 16, stageIndex: 3 },
    ]);
  });

  it('lets build args override defaults, including ARGs used inside other defaults', async () => {
    const parsed = await readDockerfile(fixture('multi-stage.Dockerfile'));

    const refs = resolveBaseImages(parsed, {
      REGISTRY: 'registry.example.com',
      BASE_TAG: '1.36',
      RUNTIME_VARIANT: 'slim',
      UNDECLARED: 'x',
    });

    expect(refs.map((base) => base.ref)).toEqual([
      'registry.example.com/base/busybox:1.36',
      'registry.example.com/tools/lint:1.2',
      'registry.example.com/base/runtime-slim',
    ]);
  });

  it.each([
    // runtime needs build (COPY --from=0) and assets (RUN --mount from=assets), not lint
    ['runtime', [7, 16]],
    ['RUNTIME', [7, 16]],
    ['lint', [7, 10]],
    ['debug', [7]],
    ['assets', []],
  ])('with target %s counts only the stages it needs (FROM lines %j)', async (target, lines) => {
    const parsed = await readDockerfile(fixture('multi-stage.Dockerfile'));

    expect(resolveBaseImages(parsed, {}, target).map((base) => base.line)).toEqual(lines);
  });

  it('rejects an unknown target with a suggestion', async () => {
    const parsed = await readDockerfile(fixture('multi-stage.Dockerfile'));

    const error = await caught(() => resolveBaseImages(parsed, {}, 'runtme'));

    expect(error.code).toBe('IMAGEFORGE_CONFIG_INVALID');
    expect(error.message).toBe(
      `target stage "runtme" not found in ${fixture('multi-stage.Dockerfile')} (did you mean \`runtime\`?)`,
    );
    expect(error.hint).toContain('build, lint, assets, runtime, debug');
  });

  it('rejects a FROM that expands to nothing, unless the build arg is given', async () => {
    const parsed = await readDockerfile(fixture('empty-from.Dockerfile'));

    const error = await caught(() => resolveBaseImages(parsed, {}));

    expect(error.code).toBe('IMAGEFORGE_DOCKERFILE_SYNTAX');
    expect(error.location).toEqual({ file: fixture('empty-from.Dockerfile'), line: 2 });
    expect(resolveBaseImages(parsed, { BASE: 'busybox:1.36' })).toEqual([
      { ref: 'busybox:1.36', line: 2, stageIndex: 0 },
    ]);
  });
});
