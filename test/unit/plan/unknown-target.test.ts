// An unknown `target` is a mistake in imageforge.yaml: the error names the config line and the
// dotted path, not only the Dockerfile that lacks the stage.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../../../src/plan/plan.js';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import { renderError } from '../../../src/cli/render-error.js';
import { createProject, load } from '../config/project-fixture.js';

describe('resolvePlan: unknown target', () => {
  it('reports images.<name>.target at the image line, with a did-you-mean', async () => {
    const dir = await createProject(['version: 1', 'images:', '  app:', '    target: runtim']);
    await writeFile(path.join(dir, 'Dockerfile'), 'FROM busybox AS build\nFROM busybox AS runtime\n');
    const config = await load(dir);

    const error = await resolvePlan(config).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(ImageforgeError);
    const failed = error as ImageforgeError;
    expect(failed.category).toBe('config');
    expect(failed.location).toEqual({
      file: path.join(dir, 'imageforge.yaml'),
      line: 3,
      path: 'images.app.target',
    });
    expect(failed.message).toBe(
      `images.app.target: target stage "runtim" not found in ${path.join(dir, 'Dockerfile')} (did you mean \`runtime\`?)`,
    );
    expect(renderError(failed).split('\n')[0]).toMatch(
      /^imageforge: \S*imageforge\.yaml:3: images\.app\.target: /,
    );
  });
});
