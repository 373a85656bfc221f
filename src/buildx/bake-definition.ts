// Builds a `docker buildx bake` JSON definition for a set of planned images, so a whole dependency
// graph runs in one BuildKit session: dependents read their parents through `target:` named
// contexts, i.e. from exactly the result the parent produces in that same session.
import path from 'node:path';
import type { ImageConfig } from '../config/types.js';

export interface BakeImage {
  image: ImageConfig;
  /** FROM references produced by other images of the batch: ref → image name. */
  links: Array<{ ref: string; image: string }>;
  /** Other named contexts, e.g. FROM references pinned to an existing image by digest. */
  pinned?: Array<{ name: string; value: string }>;
  /** --cache-from / --cache-to values. */
  cache?: { from: string[]; to: string[] };
}

export interface BakeTarget {
  context: string;
  dockerfile: string;
  target?: string;
  args: Record<string, string>;
  labels: Record<string, string>;
  tags: string[];
  platforms?: string[];
  secret?: string[];
  contexts?: Record<string, string>;
  output: string[];
  pull?: boolean;
  'no-cache'?: boolean;
  'cache-from'?: string[];
  'cache-to'?: string[];
  network?: string;
  entitlements?: string[];
}

export interface BakeDefinition {
  group: { default: { targets: string[] } };
  target: Record<string, BakeTarget>;
}

/** Bake target names allow [a-zA-Z0-9_-]; image names may also hold dots. Returns image → target. */
export function bakeTargetNames(images: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const image of images) {
    const base = image.replace(/[^a-zA-Z0-9_-]/g, '_');
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    names.set(image, candidate);
  }
  return names;
}

/**
 * Bake parses JSON definitions as HCL JSON, where strings are templates: escape `${` and `%{` so
 * values reach BuildKit exactly as configured.
 */
export function escapeTemplate(value: string): string {
  return value.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

function escapeRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, escapeTemplate(value)]));
}

export function toBakeDefinition(images: BakeImage[]): {
  definition: BakeDefinition;
  targets: Map<string, string>;
} {
  const targets = bakeTargetNames(images.map(({ image }) => image.name));
  const definition: BakeDefinition = { group: { default: { targets: [...targets.values()] } }, target: {} };
  for (const { image, links, pinned = [], cache } of images) {
    const name = targets.get(image.name) ?? image.name;
    const contexts: Record<string, string> = {};
    for (const context of pinned) contexts[escapeTemplate(context.name)] = escapeTemplate(context.value);
    for (const link of links)
      contexts[escapeTemplate(link.ref)] = `target:${targets.get(link.image) ?? link.image}`;
    const secrets = Object.entries(image.secrets).map(([id, source]) =>
      source.env !== undefined ? `id=${id},env=${source.env}` : `id=${id},src=${source.file}`,
    );
    definition.target[name] = {
      context: image.context,
      dockerfile: path.relative(image.context, image.dockerfile) || 'Dockerfile',
      ...(image.target ? { target: image.target } : {}),
      args: escapeRecord(image.args),
      labels: escapeRecord(image.labels),
      tags: image.tags.map(escapeTemplate),
      ...(image.platforms.length > 0 ? { platforms: image.platforms } : {}),
      ...(secrets.length > 0 ? { secret: secrets.map(escapeTemplate) } : {}),
      ...(Object.keys(contexts).length > 0 ? { contexts } : {}),
      output: ['type=docker'],
      ...(image.pull ? { pull: true } : {}),
      ...(image.noCache ? { 'no-cache': true } : {}),
      ...(image.network && image.network !== 'default' ? { network: image.network } : {}),
      ...(image.network === 'host' ? { entitlements: ['network.host'] } : {}),
      ...(cache && cache.from.length > 0 ? { 'cache-from': cache.from.map(escapeTemplate) } : {}),
      ...(cache && cache.to.length > 0 ? { 'cache-to': cache.to.map(escapeTemplate) } : {}),
    };
  }
  return { definition, targets };
}

export function getBakeCommand(
  definitionFile: string,
  metadataFile: string,
  builder: string | undefined,
  extraArgs: string[] = [],
) {
  const args = [
    'buildx',
    'bake',
    '--progress=rawjson',
    '--file',
    definitionFile,
    '--metadata-file',
    metadataFile,
  ];
  if (builder) args.push('--builder', builder);
  args.push(...extraArgs);
  return { command: 'docker', args };
}
