import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDockerfile, resolveBaseImages } from '../../../src/dockerfile/index.js';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import {
  buildGraph,
  dependencyLevels,
  selectClosure,
  topologicalOrder,
  type GraphNode,
} from '../../../src/plan/graph.js';

const configFile = '/project/imageforge.yaml';

function dockerfileOf(image: string): string {
  return fileURLToPath(new URL(`../../fixtures/dockerfiles/graph/${image}/Dockerfile`, import.meta.url));
}

async function node(
  name: string,
  tags: string[],
  extra: { dependsOn?: string[]; args?: Record<string, string>; configLine?: number } = {},
): Promise<GraphNode> {
  const dockerfile = dockerfileOf(name);
  const parsed = await readDockerfile(dockerfile);
  const baseImages = resolveBaseImages(parsed, extra.args ?? {}).map(({ ref, line }) => ({ ref, line }));
  return {
    name,
    dependsOn: extra.dependsOn ?? [],
    tags,
    baseImages,
    dockerfile,
    configLine: extra.configLine,
  };
}

/** The fixture project: base <- runtime <- app <- docs (dependsOn); cli <- tool. */
async function projectNodes(appArgs: Record<string, string> = {}): Promise<GraphNode[]> {
  return [
    await node('base', ['localhost:5000/acme/base:dev']),
    await node('runtime', ['localhost:5000/acme/runtime:latest', 'localhost:5000/acme/runtime:1.0']),
    await node('app', ['localhost:5000/acme/app:dev'], { args: appArgs }),
    await node('cli', ['acme/cli:latest']),
    await node('tool', ['localhost:5000/acme/tool:dev']),
    await node('docs', ['localhost:5000/acme/docs:dev'], { dependsOn: ['app'] }),
  ];
}

function plain(name: string, dependsOn: string[] = [], extra: Partial<GraphNode> = {}): GraphNode {
  return {
    name,
    dependsOn,
    tags: [`localhost:5000/${name}:dev`],
    baseImages: [],
    dockerfile: `/project/${name}/Dockerfile`,
    ...extra,
  };
}

function caught(action: () => unknown): ImageforgeError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof ImageforgeError) return error;
    throw error;
  }
  throw new Error('expected an ImageforgeError');
}

describe('buildGraph', () => {
  it('adds FROM edges where a base image is the tag of another image, after normalisation', async () => {
    const graph = buildGraph(await projectNodes(), { configFile });

    expect(graph.nodes).toEqual(['base', 'runtime', 'app', 'cli', 'tool', 'docs']);
    expect(graph.edges).toEqual([
      { from: 'docs', to: 'app', reason: 'dependsOn' },
      { from: 'runtime', to: 'base', reason: 'from', ref: 'localhost:5000/acme/base:dev', line: 1 },
      { from: 'app', to: 'base', reason: 'from', ref: 'localhost:5000/acme/base:dev', line: 2 },
      { from: 'app', to: 'runtime', reason: 'from', ref: 'localhost:5000/acme/runtime', line: 5 },
      { from: 'tool', to: 'cli', reason: 'from', ref: 'docker.io/acme/cli', line: 1 },
    ]);
    expect(graph.dependencies('app')).toEqual(['base', 'runtime']);
    expect(graph.dependents('base')).toEqual(['app', 'runtime']);
    expect(graph.dependencies('docs')).toEqual(['app']);
    expect(graph.dependencies('nope')).toEqual([]);
  });

  it('follows build args: a FROM that no longer names a configured tag makes no edge', async () => {
    const graph = buildGraph(await projectNodes({ BASE_TAG: '1.0' }), { configFile });

    expect(graph.dependencies('app')).toEqual(['runtime']);
  });

  it('ignores an image whose FROM names its own tag', () => {
    const self = plain('mirror', [], { baseImages: [{ ref: 'localhost:5000/mirror:dev', line: 1 }] });

    const graph = buildGraph([self], { configFile });

    expect(graph.edges).toEqual([]);
  });

  it('names the cycle and explains each step', () => {
    const nodes = [
      plain('a', ['b'], { configLine: 3 }),
      plain('b', [], { baseImages: [{ ref: 'localhost:5000/c:dev', line: 4 }] }),
      plain('c', [], { baseImages: [{ ref: 'localhost:5000/a:dev', line: 1 }] }),
      plain('d', ['a']),
    ];

    const error = caught(() => buildGraph(nodes, { configFile }));

    expect(error.code).toBe('IMAGEFORGE_CONFIG_CYCLE');
    expect(error.category).toBe('config');
    expect(error.message).toBe('dependency cycle: a → b → c → a');
    expect(error.hint).toBe(
      'a needs b (dependsOn); b needs c (FROM localhost:5000/c:dev at /project/b/Dockerfile:4); ' +
        'c needs a (FROM localhost:5000/a:dev at /project/c/Dockerfile:1). Remove one of these dependencies.',
    );
    expect(error.location).toEqual({ file: configFile, line: 3, path: 'images.a' });
  });

  it('reports an image depending on itself as a cycle', () => {
    const error = caught(() => buildGraph([plain('solo', ['solo'])], { configFile }));

    expect(error.message).toBe('dependency cycle: solo → solo');
  });

  it('rejects dependsOn naming no image, with a suggestion', () => {
    const error = caught(() =>
      buildGraph([plain('controller'), plain('agent', ['controler'], { configLine: 12 })], { configFile }),
    );

    expect(error.code).toBe('IMAGEFORGE_CONFIG_UNKNOWN_IMAGE');
    expect(error.message).toBe(
      'image "agent" depends on unknown image "controler" (did you mean `controller`?)',
    );
    expect(error.location).toEqual({ file: configFile, line: 12, path: 'images.agent.dependsOn' });
  });
});

describe('graph orders', () => {
  it('selects the closure of dependencies', async () => {
    const graph = buildGraph(await projectNodes(), { configFile });

    expect(selectClosure(graph, ['docs'])).toEqual(['base', 'runtime', 'app', 'docs']);
    expect(selectClosure(graph, ['tool', 'runtime'])).toEqual(['base', 'runtime', 'cli', 'tool']);
  });

  it('rejects an unknown selected image as a usage error with a suggestion', async () => {
    const graph = buildGraph(await projectNodes(), { configFile });

    const error = caught(() => selectClosure(graph, ['dcos']));

    expect(error.code).toBe('IMAGEFORGE_USAGE');
    expect(error.category).toBe('usage');
    expect(error.message).toBe('unknown image "dcos" (did you mean `docs`?)');
  });

  it('orders dependencies first, by name among ready images', async () => {
    const graph = buildGraph(await projectNodes(), { configFile });

    expect(topologicalOrder(graph)).toEqual(['base', 'cli', 'runtime', 'app', 'docs', 'tool']);
    expect(topologicalOrder(graph, ['docs', 'app'])).toEqual(['app', 'docs']);
  });

  it('groups images into levels that can build in parallel', async () => {
    const graph = buildGraph(await projectNodes(), { configFile });

    expect(dependencyLevels(graph)).toEqual([['base', 'cli'], ['runtime', 'tool'], ['app'], ['docs']]);
    expect(dependencyLevels(graph, ['app', 'docs', 'tool'])).toEqual([['app', 'tool'], ['docs']]);
  });

  it('does not depend on the order images are given in', async () => {
    const nodes = await projectNodes();

    const forward = buildGraph(nodes, { configFile });
    const reversed = buildGraph([...nodes].reverse(), { configFile });

    expect(topologicalOrder(reversed)).toEqual(topologicalOrder(forward));
    expect(dependencyLevels(reversed)).toEqual(dependencyLevels(forward));
  });
});
