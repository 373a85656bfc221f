// The cache section's inputs, generated per bench run: a "toolchain" base image (~40 MB of random
// data on busybox, what a CI build image with compilers looks like to a registry) and a set of
// multi-stage images that compile on the toolchain and ship a small busybox-based runtime stage.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const CACHE_IMAGE_NAMES = ['api', 'worker', 'cli'] as const;

/** Size of the toolchain's random layer: incompressible, so pulling it costs ~40 MB on the wire. */
export const TOOLCHAIN_BYTES = 40 * 1024 * 1024;
/** Size of each generated artefact (the "dependencies" and the "binary"). */
export const ARTEFACT_BYTES = 1024 * 1024;

export interface CacheWorkloadOptions {
  /** Registry host the images and cache refs use, e.g. `localhost:41234` (the counting proxy). */
  registryHost: string;
  /** Repository of the toolchain, without host: `bench-cache/toolchain:1`. */
  toolchainRepository: string;
  /** Cache registry prefix, e.g. `localhost:41234/bench-cache-20261121t1300-ab12`. */
  cacheRegistry: string;
  /** Tag of the built images (kept local, never pushed). */
  tag: string;
}

/** The toolchain's Dockerfile: built and pushed once by the section (`docker buildx build --push`). */
export function toolchainDockerfile(baseImage: string): string {
  return [
    `FROM ${baseImage}`,
    `RUN mkdir -p /opt/toolchain && head -c ${TOOLCHAIN_BYTES} /dev/urandom > /opt/toolchain/blob.bin`,
    '',
  ].join('\n');
}

/**
 * One image: `build` stage on the toolchain (copy sources, fetch "dependencies", "compile", each a
 * RUN that takes 2 s and writes a 1 MB artefact), then a runtime stage on busybox with the result.
 */
export function imageDockerfile(name: string, options: CacheWorkloadOptions): string {
  return [
    `FROM ${options.registryHost}/${options.toolchainRepository} AS build`,
    'WORKDIR /src',
    'COPY src/ ./',
    `RUN sleep 2 && mkdir -p /deps && head -c ${ARTEFACT_BYTES} /dev/urandom > /deps/deps.bin`,
    'RUN sleep 2 && mkdir -p /out && cat main.sh /deps/deps.bin | sha256sum > /out/app.sha256 \\',
    `    && head -c ${ARTEFACT_BYTES} /dev/urandom > /out/app.bin && cp main.sh /out/`,
    '',
    `FROM ${options.registryHost}/base/busybox:latest`,
    'COPY --from=build /out/ /app/',
    `LABEL org.opencontainers.image.title=${name}`,
    'CMD ["/app/main.sh"]',
    '',
  ].join('\n');
}

export function imageforgeYaml(options: CacheWorkloadOptions): string {
  return [
    'version: 1',
    'defaults:',
    `  cache: { registry: ${options.cacheRegistry}, mode: max }`,
    'images:',
    ...CACHE_IMAGE_NAMES.map(
      (name) => `  ${name}: { context: ${name}, tags: ['${imageTag(name, options.tag)}'] }`,
    ),
    '',
  ].join('\n');
}

export function imageTag(name: string, tag: string): string {
  return `bench-cache-set/${name}:${tag}`;
}

/** Relative path → content of every file of the image set (imageforge.yaml and one folder per image). */
export function cacheWorkloadFiles(options: CacheWorkloadOptions): Map<string, string> {
  const files = new Map<string, string>([['imageforge.yaml', imageforgeYaml(options)]]);
  for (const name of CACHE_IMAGE_NAMES) {
    files.set(`${name}/Dockerfile`, imageDockerfile(name, options));
    files.set(`${name}/src/main.sh`, `#!/bin/sh\necho "${name} ready"\n`);
  }
  return files;
}

export async function writeFiles(directory: string, files: Map<string, string>): Promise<void> {
  for (const [relative, content] of files) {
    const file = path.join(directory, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}
