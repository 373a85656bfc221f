// Incremental builds: before a run, find the images whose inputs (context after .dockerignore,
// Dockerfile, args, target, platforms, labels, tags, base image digests) are unchanged since their
// last successful build on this engine and whose image still exists — those skip BuildKit entirely.
// After a run, record the fingerprints of what was built.
import type { BuildPlan, PlannedImage } from '../plan/plan.js';
import type { DockerClient } from '../docker/docker-client.js';
import type { ImageResult } from '../report/report-types.js';
import { BuildStateStore, type ImageBuildState } from './build-state.js';
import { fingerprint, staticInputs } from './fingerprint.js';

export interface IncrementalContext {
  store: BuildStateStore;
  client: DockerClient;
  /** Static input hashes, computed before anything builds (so edits during a run are not missed). */
  staticHashes: Map<string, string>;
  /** Images that may skip BuildKit, with the state that proves it. */
  upToDate: Map<string, ImageBuildState>;
}

export interface IncrementalOptions {
  projectDir: string;
  endpoint: string;
  client: DockerClient;
  force: boolean;
  /** Only results kept in the engine's own image store can be checked (docker driver, BuildKit). */
  eligible: boolean;
}

export async function checkUpToDate(
  plan: BuildPlan,
  options: IncrementalOptions,
): Promise<IncrementalContext> {
  const context: IncrementalContext = {
    store: new BuildStateStore(options.projectDir, options.endpoint),
    client: options.client,
    staticHashes: new Map(),
    upToDate: new Map(),
  };
  if (!options.eligible) return context;
  const candidates = plan.order.flatMap((name) => {
    const planned = plan.images[name];
    return planned && canSkip(planned) ? [planned] : [];
  });
  // Everything below is independent per image: read files, states and the image store in parallel.
  const [hashes, states, externals] = await Promise.all([
    Promise.all(candidates.map((planned) => staticInputs(planned.image))),
    Promise.all(candidates.map((planned) => context.store.read(planned.name))),
    resolveExternal(options.client, candidates),
  ]);
  candidates.forEach((planned, index) => context.staticHashes.set(planned.name, hashes[index] ?? ''));
  if (options.force) return context;
  const matching = new Map<string, ImageBuildState>();
  candidates.forEach((planned, index) => {
    const state = states[index];
    if (state) matching.set(planned.name, state);
  });
  const tagsOk = new Map(
    await Promise.all(
      [...matching].map(
        async ([name, state]) =>
          [
            name,
            await tagsPointAt(options.client, plan.images[name]?.image.tags ?? [], state.imageId),
          ] as const,
      ),
    ),
  );
  for (const planned of candidates) {
    const state = matching.get(planned.name);
    if (!state || !tagsOk.get(planned.name)) continue;
    if (!planned.dependencies.every((dep) => context.upToDate.has(dep))) continue;
    const digests = baseDigests(planned, externals, (dep) => context.upToDate.get(dep)?.imageId);
    const expected = fingerprint(context.staticHashes.get(planned.name) ?? '', digests ?? {});
    if (digests && state.fingerprint === expected) context.upToDate.set(planned.name, state);
  }
  return context;
}

/** Records the fingerprint of every image built in this run, for the next run's check. */
export async function recordBuilt(
  plan: BuildPlan,
  results: Map<string, ImageResult>,
  context: IncrementalContext,
  runId: string,
): Promise<void> {
  const built = plan.order.flatMap((name) => {
    const planned = plan.images[name];
    const result = results.get(name);
    const staticHash = context.staticHashes.get(name);
    if (!planned || result?.status !== 'built' || !result.imageId || staticHash === undefined) return [];
    return [{ name, planned, imageId: result.imageId, staticHash }];
  });
  // one lookup of every external base and parallel writes: 50 images used to take seconds here
  const externals = await resolveExternal(
    context.client,
    built.map((entry) => entry.planned),
  );
  const builtAt = new Date().toISOString();
  await Promise.all(
    built.map(async ({ name, planned, imageId, staticHash }) => {
      const digests = baseDigests(planned, externals, (dep) => results.get(dep)?.imageId);
      if (!digests) return;
      await context.store.write(name, {
        fingerprint: fingerprint(staticHash, digests),
        imageId,
        tags: planned.image.tags,
        builtAt,
        runId,
      });
    }),
  );
}

function canSkip(planned: PlannedImage): boolean {
  // --no-cache and --pull ask BuildKit to look again; honour them by always building
  return !planned.image.noCache && !planned.image.pull;
}

/** Local image ids of the external base images, by reference (missing when not in the store). */
async function resolveExternal(client: DockerClient, planned: PlannedImage[]): Promise<Map<string, string>> {
  const refs = [...new Set(planned.flatMap((item) => item.externalBaseImages))];
  const images = await Promise.all(refs.map((ref) => client.inspectImage(ref).catch(() => undefined)));
  return new Map(refs.flatMap((ref, index) => (images[index] ? [[ref, images[index].id] as const] : [])));
}

/** ref → digest for every base image; undefined when one cannot be resolved locally. */
function baseDigests(
  planned: PlannedImage,
  externals: Map<string, string>,
  inSetDigest: (image: string) => string | undefined,
): Record<string, string> | undefined {
  const digests: Record<string, string> = {};
  for (const link of planned.baseImageLinks) {
    const digest = inSetDigest(link.image);
    if (!digest) return undefined;
    digests[link.ref] = digest;
  }
  for (const ref of planned.externalBaseImages) {
    const digest = externals.get(ref);
    if (!digest) return undefined;
    digests[ref] = digest;
  }
  return digests;
}

async function tagsPointAt(client: DockerClient, tags: string[], imageId: string): Promise<boolean> {
  const images = await Promise.all(tags.map((tag) => client.inspectImage(tag).catch(() => undefined)));
  return images.every((image) => image?.id === imageId);
}
