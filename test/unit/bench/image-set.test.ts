import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderBakeHcl } from '../../../bench/workloads/bake-hcl.js';
import {
  dependencyOrder,
  GRAPH12_CHANGED_FILE,
  GRAPH12_CHANGED_LEAF,
  graph12Set,
  imageRef,
  scalingSet,
  singleImageSet,
  type ImageSet,
} from '../../../bench/workloads/image-set.js';
import {
  imageSetFiles,
  renderDockerfile,
  renderSequentialScript,
  writeImageSetFiles,
} from '../../../bench/workloads/image-set-files.js';

const names = (set: ImageSet): string[] => dependencyOrder(set).map((image) => image.name);

describe('graph12Set', () => {
  const set = graph12Set();

  it('has 2 bases, 4 mids and 6 leaves, each level FROM the one above', () => {
    const byName = new Map(set.images.map((image) => [image.name, image]));
    const level = (name: string): number => {
      const parent = byName.get(name)?.parent;
      return parent === undefined ? 0 : 1 + level(parent);
    };
    const counts = [0, 0, 0];
    for (const image of set.images) counts[level(image.name)] = (counts[level(image.name)] ?? 0) + 1;
    expect(set.images).toHaveLength(12);
    expect(counts).toEqual([2, 4, 6]);
    // every base and mid has at least one child: the graph really branches
    for (const image of set.images.filter((candidate) => level(candidate.name) < 2)) {
      expect(set.images.some((child) => child.parent === image.name)).toBe(true);
    }
  });

  it('orders parents before their children', () => {
    const order = names(set);
    for (const image of set.images) {
      if (image.parent !== undefined)
        expect(order.indexOf(image.parent)).toBeLessThan(order.indexOf(image.name));
    }
  });

  it('gives every image files to COPY and 1–2 RUN steps of real work over them', () => {
    for (const image of set.images) {
      expect(image.files.size).toBeGreaterThanOrEqual(3);
      expect(image.runs.length).toBeGreaterThanOrEqual(1);
      expect(image.runs.length).toBeLessThanOrEqual(2);
      for (const run of image.runs)
        expect(run).toMatch(/dd if=\/dev\/zero .* \| cat - \/opt\/.*\/src\/\* \| sha256sum/);
    }
  });

  it('has the file the leaf-change scenario edits in a leaf', () => {
    const leaf = set.images.find((image) => image.name === GRAPH12_CHANGED_LEAF);
    expect(leaf?.files.has(GRAPH12_CHANGED_FILE)).toBe(true);
    expect(set.images.some((image) => image.parent === GRAPH12_CHANGED_LEAF)).toBe(false);
  });
});

describe('dependencyOrder', () => {
  const set = (images: ImageSet['images']): ImageSet => ({ repository: 'r', baseImage: 'b', images });
  const image = (name: string, parent?: string): ImageSet['images'][number] => ({
    name,
    ...(parent === undefined ? {} : { parent }),
    files: new Map(),
    runs: [],
  });

  it('puts a parent declared after its child first', () => {
    expect(names(set([image('child', 'root'), image('root')]))).toEqual(['root', 'child']);
  });

  it.each([
    { images: [image('a'), image('a')], message: 'duplicate image "a"' },
    { images: [image('a', 'missing')], message: 'image "a" is FROM unknown image "missing"' },
    { images: [image('a', 'b'), image('b', 'a')], message: 'dependency cycle: a → b → a' },
    { images: [image('Bad_Name')], message: 'invalid image name "Bad_Name"' },
  ])('rejects a broken set: $message', ({ images, message }) => {
    expect(() => dependencyOrder(set(images))).toThrow(message);
  });
});

describe('scalingSet and singleImageSet', () => {
  it('makes N independent cheap images with zero-padded names', () => {
    const set = scalingSet(50);
    expect(set.images).toHaveLength(50);
    expect(set.repository).toBe('bench-scaling-50');
    expect(set.images[0]?.name).toBe('img-01');
    expect(set.images[49]?.name).toBe('img-50');
    expect(set.images.every((image) => image.parent === undefined && image.runs.length === 1)).toBe(true);
    expect(set.images[0]?.runs[0]).toMatch(/^echo img-01 /);
  });

  it('refuses an empty set', () => {
    expect(() => scalingSet(0)).toThrow('image count must be ≥ 1');
  });

  it('makes the overhead section’s one image', () => {
    expect(names(singleImageSet())).toEqual(['app']);
  });
});

describe('rendered files', () => {
  const set = graph12Set('localhost:5000/base/busybox:latest');

  it('writes FROM the base for roots and FROM the parent (via REGISTRY/TAG args) for the others', () => {
    const [base, mid] = dependencyOrder(set).filter((image) => ['base-1', 'mid-1'].includes(image.name));
    expect(renderDockerfile(set, base!)).toMatch(/^FROM localhost:5000\/base\/busybox:latest$/m);
    const dockerfile = renderDockerfile(set, mid!);
    expect(dockerfile).toMatch(
      /^ARG REGISTRY=localhost:5000\nARG TAG=dev\nFROM \$\{REGISTRY\}\/bench-graph12\/base-1:\$\{TAG\}$/m,
    );
    expect(dockerfile).toContain('COPY src/ /opt/mid-1/src/');
    expect(dockerfile).toMatch(/^RUN dd if=\/dev\/zero bs=1M count=80 /m);
  });

  it('writes an imageforge.yaml with one image per context, tags from REGISTRY and TAG', () => {
    const yaml = parse(
      imageSetFiles(set, { bakeContextDir: 'bench/work/graph12' }).get('imageforge.yaml') ?? '',
    ) as {
      version: number;
      defaults: { args: Record<string, string> };
      images: Record<string, { context: string; tags: string[] }>;
    };
    expect(yaml.version).toBe(1);
    expect(yaml.defaults.args).toEqual({ REGISTRY: '${REGISTRY}', TAG: '${TAG}' });
    expect(Object.keys(yaml.images)).toEqual(names(set));
    expect(yaml.images['leaf-3']).toEqual({
      context: 'leaf-3',
      tags: ['${REGISTRY}/bench-graph12/leaf-3:${TAG}'],
    });
  });

  it('writes a sequential loop that builds every image once, parents first', () => {
    const script = renderSequentialScript(set);
    const builds = [...script.matchAll(/^build (\S+)$/gm)].map((match) => match[1]);
    expect(builds).toEqual(names(set));
    expect(script).toContain('docker buildx build --load --progress quiet --build-arg "REGISTRY=$REGISTRY"');
    expect(script).toContain('-t "$REGISTRY/bench-graph12/$1:$TAG" "$1"');
  });

  it('lands on disk as one folder per image plus the competitors’ files', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'image-set-'));
    try {
      await writeImageSetFiles(directory, imageSetFiles(set, { bakeContextDir: '.' }));
      for (const file of ['imageforge.yaml', 'sequential.sh', 'docker-bake.hcl']) {
        expect((await stat(path.join(directory, file))).isFile()).toBe(true);
      }
      expect(await readFile(path.join(directory, GRAPH12_CHANGED_LEAF, GRAPH12_CHANGED_FILE), 'utf8')).toBe(
        'initial\n',
      );
      expect(await readFile(path.join(directory, 'base-2', 'src', 'file-1.txt'), 'utf8')).toContain('base-2');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('names images <registry>/<repository>/<name>:<tag>', () => {
    expect(imageRef(set, 'mid-2', 'localhost:5000', 'bench-bake')).toBe(
      'localhost:5000/bench-graph12/mid-2:bench-bake',
    );
  });
});

describe('renderBakeHcl', () => {
  const set = graph12Set();
  const hcl = renderBakeHcl(set, { contextDir: 'bench/work/graph12' });
  const target = (name: string): string => {
    const match = new RegExp(`^target "${name}" \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(hcl);
    return match?.[1] ?? '';
  };

  it('groups every image, in dependency order, as the default target', () => {
    const group = /group "default" \{\n {2}targets = \[(.*)\]/.exec(hcl)?.[1] ?? '';
    expect(group.split(', ').map((name) => JSON.parse(name) as string)).toEqual(names(set));
  });

  it('chains a child to its parent’s in-flight result with a target: context', () => {
    const body = target('leaf-6');
    expect(body).toContain('context  = "bench/work/graph12/leaf-6"');
    expect(body).toContain('contexts = { "${REGISTRY}/bench-graph12/mid-4:${TAG}" = "target:mid-4" }');
    expect(body).toContain('tags     = ["${REGISTRY}/bench-graph12/leaf-6:${TAG}"]');
    expect(body).toContain('output   = ["type=docker"]');
    expect(body).toContain('args     = { REGISTRY = REGISTRY, TAG = TAG }');
  });

  it('gives roots no contexts, and reads REGISTRY and TAG as variables', () => {
    expect(target('base-1')).not.toContain('contexts');
    expect(hcl).toContain('variable "REGISTRY" {\n  default = "localhost:5000"\n}');
    expect(hcl).toContain('variable "TAG" {\n  default = "dev"\n}');
    expect(hcl.match(/^target "/gm)).toHaveLength(12);
  });

  it('uses bare folder names when bake runs inside the set', () => {
    expect(renderBakeHcl(set, { contextDir: '.' })).toContain('context  = "mid-1"');
  });
});
