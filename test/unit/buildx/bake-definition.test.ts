import { describe, expect, it } from 'vitest';
import { bakeTargetNames, escapeTemplate, toBakeDefinition } from '../../../src/buildx/bake-definition.js';
import type { ImageConfig } from '../../../src/config/types.js';
import { makeImageConfig } from '../../support/image-config.js';

const image = (name: string, extra: Partial<ImageConfig> = {}): ImageConfig => makeImageConfig(name, extra);

describe('toBakeDefinition', () => {
  it('links dependents to their parent target and pins images outside the batch', () => {
    const { definition } = toBakeDefinition([
      { image: image('base'), links: [] },
      {
        image: image('app', { target: 'runtime', args: { A: '1' }, secrets: { tok: { env: 'TOKEN' } } }),
        links: [{ ref: 'localhost:5000/x/base:dev', image: 'base' }],
        pinned: [
          { name: 'localhost:5000/x/tool:dev', value: 'docker-image://localhost:5000/x/tool:dev@sha256:ab' },
        ],
      },
    ]);
    expect(definition.group.default.targets).toEqual(['base', 'app']);
    expect(definition.target.app).toEqual({
      context: '/p/app',
      dockerfile: 'Dockerfile',
      target: 'runtime',
      args: { A: '1' },
      labels: {},
      tags: ['localhost:5000/x/app:dev'],
      secret: ['id=tok,env=TOKEN'],
      contexts: {
        'localhost:5000/x/base:dev': 'target:base',
        'localhost:5000/x/tool:dev': 'docker-image://localhost:5000/x/tool:dev@sha256:ab',
      },
      output: ['type=docker'],
    });
  });

  it('escapes HCL templates so values reach BuildKit verbatim', () => {
    expect(escapeTemplate('${HOME} and %{if}')).toBe('$${HOME} and %%{if}');
    const { definition } = toBakeDefinition([
      { image: image('a', { args: { X: '${NOT_EXPANDED}' } }), links: [] },
    ]);
    expect(definition.target.a?.args.X).toBe('$${NOT_EXPANDED}');
  });

  it('maps image names to valid, unique bake target names', () => {
    expect([...bakeTargetNames(['a.b', 'a_b', 'c']).values()]).toEqual(['a_b', 'a_b_2', 'c']);
  });
});
