// A generated image set for the benchmark: images, each FROM the external base or FROM one other
// image of the set, with context files and RUN steps. The shapes the sections use (one image, the
// 12-image graph, N cheap independent images) and the dependency order every competitor builds in.

export interface WorkloadImage {
  name: string;
  /** The image of the set this one is built FROM; undefined: the external base image. */
  parent?: string;
  /** Context files (relative path → content); the Dockerfile COPYs `src/`. */
  files: Map<string, string>;
  /** Shell commands, one `RUN` each, after the COPY. */
  runs: string[];
}

export interface ImageSet {
  /** Repository path under the registry, e.g. `bench-graph12`: images are `<registry>/<repository>/<name>:<tag>`. */
  repository: string;
  /** The external base image every root of the set is built FROM. */
  baseImage: string;
  images: WorkloadImage[];
}

export const DEFAULT_BASE_IMAGE = 'localhost:5000/base/busybox:latest';
/** Defaults of the generated files' REGISTRY and TAG (the harness always sets both). */
export const DEFAULT_REGISTRY = 'localhost:5000';
export const DEFAULT_TAG = 'dev';

/**
 * The images in an order every competitor can build them in (parents first; ties keep the declared
 * order). Throws on duplicate names, unknown parents and cycles: a broken generator, not bad luck.
 */
export function dependencyOrder(set: ImageSet): WorkloadImage[] {
  const byName = new Map<string, WorkloadImage>();
  for (const image of set.images) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(image.name)) throw new Error(`invalid image name "${image.name}"`);
    if (byName.has(image.name)) throw new Error(`duplicate image "${image.name}"`);
    byName.set(image.name, image);
  }
  const ordered: WorkloadImage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (image: WorkloadImage, path: string[]): void => {
    if (state.get(image.name) === 'done') return;
    if (state.get(image.name) === 'visiting')
      throw new Error(`dependency cycle: ${[...path, image.name].join(' → ')}`);
    state.set(image.name, 'visiting');
    if (image.parent !== undefined) {
      const parent = byName.get(image.parent);
      if (!parent) throw new Error(`image "${image.name}" is FROM unknown image "${image.parent}"`);
      visit(parent, [...path, image.name]);
    }
    state.set(image.name, 'done');
    ordered.push(image);
  };
  for (const image of set.images) visit(image, []);
  return ordered;
}

/** `<registry>/<repository>/<name>:<tag>`. */
export function imageRef(set: ImageSet, name: string, registry: string, tag: string): string {
  return `${registry}/${set.repository}/${name}:${tag}`;
}

/**
 * A RUN step doing real work: sha256 over `megabytes` MiB of zeros followed by the image's copied
 * files (~0.5 s per 100 MiB on one core here), so its result depends on the context.
 */
export function workStep(imageName: string, step: number, megabytes: number): string {
  return (
    `dd if=/dev/zero bs=1M count=${megabytes} 2>/dev/null | cat - /opt/${imageName}/src/* | sha256sum` +
    ` > /opt/${imageName}/step-${step}.sha256`
  );
}

function sourceFiles(name: string, count: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let index = 1; index <= count; index++) {
    files.set(`src/file-${index}.txt`, `${name} file ${index}\n${'x'.repeat(64 * index)}\n`);
  }
  return files;
}

/** One image with two steps of real work: the `overhead` section's imageforge vs `docker buildx build`. */
export function singleImageSet(baseImage = DEFAULT_BASE_IMAGE): ImageSet {
  return {
    repository: 'bench-overhead',
    baseImage,
    images: [
      { name: 'app', files: sourceFiles('app', 3), runs: [workStep('app', 1, 100), workStep('app', 2, 60)] },
    ],
  };
}

/** The leaf whose file the `leaf-change` scenario edits, and that file (relative to its context). */
export const GRAPH12_CHANGED_LEAF = 'leaf-6';
export const GRAPH12_CHANGED_FILE = 'src/changing.txt';

/**
 * 12 images in three levels: base-1, base-2 (FROM busybox) → mid-1…mid-4 (two per base) → leaf-1…
 * leaf-6 (mid-1 and mid-4 have two leaves each). Every image COPYs its files and runs 1–2 steps of
 * real work (~0.3–0.5 s each on an idle core).
 */
export function graph12Set(baseImage = DEFAULT_BASE_IMAGE): ImageSet {
  const image = (name: string, parent: string | undefined, work: number[]): WorkloadImage => ({
    name,
    ...(parent === undefined ? {} : { parent }),
    files: sourceFiles(name, 3),
    runs: work.map((megabytes, index) => workStep(name, index + 1, megabytes)),
  });
  const images = [
    image('base-1', undefined, [100, 60]),
    image('base-2', undefined, [100, 60]),
    image('mid-1', 'base-1', [80]),
    image('mid-2', 'base-1', [80]),
    image('mid-3', 'base-2', [80]),
    image('mid-4', 'base-2', [80]),
    image('leaf-1', 'mid-1', [60]),
    image('leaf-2', 'mid-1', [60]),
    image('leaf-3', 'mid-2', [60]),
    image('leaf-4', 'mid-3', [60]),
    image('leaf-5', 'mid-4', [60]),
    image(GRAPH12_CHANGED_LEAF, 'mid-4', [60]),
  ];
  images.at(-1)?.files.set(GRAPH12_CHANGED_FILE, 'initial\n');
  return { repository: 'bench-graph12', baseImage, images };
}

/** `count` cheap independent images (FROM busybox, COPY a small file, one RUN echo): the `scaling` section. */
export function scalingSet(count: number, baseImage = DEFAULT_BASE_IMAGE): ImageSet {
  if (!Number.isInteger(count) || count < 1) throw new Error(`image count must be ≥ 1, got ${count}`);
  const width = String(count).length;
  const images = Array.from({ length: count }, (_, index): WorkloadImage => {
    const name = `img-${String(index + 1).padStart(width, '0')}`;
    return {
      name,
      files: new Map([['src/hello.txt', `hello from ${name}\n`]]),
      runs: [`echo ${name} > /opt/${name}/built-by-run.txt`],
    };
  });
  return { repository: `bench-scaling-${count}`, baseImage, images };
}
