// The shape of imageforge.yaml as zod schemas: the single source for validation, for the types the
// loader works with, and for the JSON Schema offered to editors.
import * as z from 'zod';
import {
  acceptsStringForm,
  booleanLike,
  durationSchema,
  imageNameSchema,
  numberLike,
  platformSchema,
  secretIdSchema,
  secretSourceSchema,
  stringLike,
  tagSchema,
  variableNameSchema,
} from './schema-fields.js';
import { tryParseSize } from './size.js';
import { imageScanSchema, scanSettingsSchema, signSettingsSchema } from '../gates/gate-config-schema.js';
import { imageTestSchema } from '../gates/functional/test-spec-schema.js';

export const retrySchema = z.strictObject({
  attempts: numberLike(z.number().int().min(1).max(20)).optional(),
  initialDelay: durationSchema.optional(),
  factor: numberLike(z.number().min(1).max(10)).optional(),
  maxDelay: durationSchema.optional(),
  jitter: numberLike(z.number().min(0).max(1)).optional(),
});

const sizeSchema = z
  .union([z.number().nonnegative(), z.string()])
  .refine((value) => tryParseSize(value) !== undefined, {
    error: 'expected a size like 10GB, 512MiB or bytes',
  });

/** Where an image's build cache is imported from and exported to. */
export const imageCacheSchema = z.strictObject({
  registry: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Registry repository prefix for cache refs, e.g. localhost:5000/cache. Turns registry cache on.',
    ),
  ref: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Cache ref template; placeholders ${registry}, ${image}, ${branch}, ${target}. Default ${registry}/${image}:${branch}.',
    ),
  fallback: z
    .array(z.string().min(1))
    .optional()
    .describe('Branches to import cache from after the current one. Default [main].'),
  mode: z.enum(['min', 'max']).optional().describe('max also caches intermediate stages. Default max.'),
  compression: z.enum(['gzip', 'zstd', 'uncompressed']).optional(),
  imageManifest: booleanLike()
    .optional()
    .describe('Export the cache as an OCI image manifest. Default true.'),
  inline: booleanLike().optional().describe('Also embed cache metadata in the image itself.'),
  local: z
    .string()
    .min(1)
    .optional()
    .describe('Directory for a local cache (type=local), relative to the project.'),
  export: booleanLike()
    .optional()
    .describe('Export cache after building (false: import only). Default true.'),
});

/** How much build cache an engine may keep, enforced by imageforge (cache prune / enforce). */
export const cachePolicySchema = z.strictObject({
  maxSize: sizeSchema.optional().describe('Largest build cache kept. Default 10GB.'),
  maxAge: durationSchema.optional().describe('Entries unused for longer are removed. Default 72h.'),
  minFreeSpace: sizeSchema.optional().describe('Prune until at least this much disk is free.'),
  reservedSpace: sizeSchema.optional().describe('Never prune the cache below this size.'),
  enforce: z
    .enum(['before-build', 'off'])
    .optional()
    .describe('Prune per policy before every build. Default before-build.'),
  registryMaxAge: durationSchema
    .optional()
    .describe('Registry cache tags older than this are deleted. Default 14d.'),
  keepBranches: z
    .array(z.string().min(1))
    .optional()
    .describe('Cache tags never deleted. Default [main, master].'),
});

/** BuildKit daemon settings of a builder: rendered into buildkitd.toml / the managed daemon.json. */
export const buildkitdSchema = z.strictObject({
  gc: z
    .strictObject({
      reservedSpace: sizeSchema.optional(),
      maxUsedSpace: sizeSchema.optional(),
      minFreeSpace: sizeSchema.optional(),
      keepDuration: durationSchema.optional(),
    })
    .optional()
    .describe('Garbage collection policy (BuildKit ≥ 0.17 keys; keepBytes is derived for older).'),
  maxParallelism: numberLike(z.number().int().min(1)).optional(),
  mirrors: z
    .record(z.string().min(1), z.array(z.string().min(1)))
    .optional()
    .describe('registry → mirrors'),
  insecureRegistries: z
    .array(z.string().min(1))
    .optional()
    .describe('Plain-HTTP registries (loopback only in prod).'),
  entitlements: z
    .array(z.enum(['network.host', 'security.insecure']))
    .optional()
    .describe('Insecure entitlements the builder allows. Default none.'),
  historyMaxAge: durationSchema.optional(),
  historyMaxEntries: numberLike(z.number().int().min(1)).optional(),
  debugAddress: z
    .string()
    .min(1)
    .optional()
    .describe('Loopback address for BuildKit debug/metrics, e.g. 127.0.0.1:6060.'),
});

export const builderNodeSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
  endpoint: z.string().min(1).optional(),
  platforms: z.array(platformSchema).optional(),
  driverOpts: z.record(z.string().min(1), stringLike()).optional(),
});

export const builderSpecSchema = z.strictObject({
  driver: z
    .enum(['docker', 'docker-container', 'remote', 'kubernetes', 'managed'])
    .optional()
    .describe('managed: imageforge runs a dedicated Docker Engine for this builder. Default docker.'),
  context: z.string().min(1).optional().describe('docker context (docker driver).'),
  endpoint: z.string().min(1).optional(),
  driverOpts: z
    .record(z.string().min(1), stringLike())
    .optional()
    .describe('e.g. memory, cpu-quota, cpuset-cpus, network'),
  platforms: z.array(platformSchema).optional(),
  buildkitd: buildkitdSchema.optional(),
  nodes: z.array(builderNodeSchema).optional().describe('Several endpoints forming one builder (a pool).'),
  resources: z
    .strictObject({ memory: sizeSchema.optional(), cpus: numberLike(z.number().positive()).optional() })
    .optional()
    .describe('Limits applied to build steps (managed builders: a cgroup parent).'),
  rootless: booleanLike().optional(),
});

/** One image's build settings; also the shape of `defaults` and of profile overrides (all optional). */
export const imageSpecSchema = z.strictObject({
  context: z
    .string()
    .min(1)
    .optional()
    .describe('Build context directory, relative to imageforge.yaml. Default ".".'),
  dockerfile: z
    .string()
    .min(1)
    .optional()
    .describe('Dockerfile path, relative to the context (as in buildx and compose). Default "Dockerfile".'),
  target: z.string().min(1).optional().describe('Dockerfile stage to build.'),
  args: z
    .record(z.string().min(1), stringLike())
    .optional()
    .describe('Build args. Never put secrets here: use `secrets`.'),
  tags: z
    .array(tagSchema)
    .min(1)
    .optional()
    .describe('Image references; the first is the primary tag. Default ["<name>:latest"].'),
  labels: z.record(z.string().min(1), stringLike()).optional(),
  platforms: z.array(platformSchema).optional().describe('os/arch[/variant], e.g. linux/amd64.'),
  dependsOn: z
    .array(imageNameSchema)
    .optional()
    .describe('Images to build first (FROM edges are found automatically).'),
  secrets: z
    .record(secretIdSchema, secretSourceSchema)
    .optional()
    .describe(
      'Build secrets for RUN --mount=type=secret,id=<key>: {env: NAME} | {file: PATH} | "env:NAME" | "file:PATH".',
    ),
  pull: booleanLike().optional().describe('Always pull newer base images.'),
  noCache: booleanLike().optional(),
  retry: retrySchema.optional(),
  timeout: durationSchema.optional().describe('Timeout of one build attempt, e.g. 10m.'),
  legacy: z.strictObject({ degradeCacheMounts: booleanLike().optional() }).optional(),
  cache: imageCacheSchema.optional().describe('Registry / local build cache for this image.'),
  builder: z
    .string()
    .min(1)
    .optional()
    .describe('Builder for this image (a `builders:` name or a buildx builder).'),
  network: z
    .enum(['default', 'none', 'host'])
    .optional()
    .describe('Network for RUN steps; the production policy requires none unless allowed here.'),
  scan: imageScanSchema.optional().describe('Vulnerability and secret scan gates, SBOMs.'),
  test: imageTestSchema.optional().describe('Functional tests of the built image, run before publishing.'),
  sign: booleanLike().optional().describe('Sign pushed digests when settings.sign is set. Default true.'),
});

const historyObjectSchema = z.strictObject({
  enabled: booleanLike().optional(),
  url: z.string().min(1).optional().describe('sqlite:<path>, a file path, or postgres://user@host/db'),
  retention: z
    .strictObject({
      maxAge: durationSchema.optional().describe('Runs older than this are deleted. Default 90d.'),
      maxRuns: numberLike(z.number().int().min(1)).optional().describe('Newest runs kept. Default 100000.'),
    })
    .optional(),
});
acceptsStringForm.set(historyObjectSchema, { type: 'string' });

/** `history: postgres://…` is short for `history: {url: postgres://…}`. */
const historySettingsSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { url: value } : value),
  historyObjectSchema,
);

export const settingsSchema = z.strictObject({
  parallel: numberLike(z.number().int().min(1))
    .optional()
    .describe('Max images building at once. Default: CPUs.'),
  timeout: durationSchema.optional(),
  builder: z.string().min(1).optional().describe('buildx builder name. Default: the current builder.'),
  batch: booleanLike()
    .optional()
    .describe('Build the whole graph in one BuildKit session (buildx bake) first. Default: true.'),
  cache: cachePolicySchema.optional().describe('Build cache governance for the engine.'),
  policy: z.enum(['none', 'production']).optional().describe('production: enforce the hardening policy.'),
  handoffRegistry: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Repository prefix through which images built on one node reach dependents on another (pools).',
    ),
  scan: scanSettingsSchema.optional().describe('The scanner (Trivy) and what a scanner failure means.'),
  sign: signSettingsSchema.optional().describe('Sign pushed digests with cosign.'),
  history: historySettingsSchema
    .optional()
    .describe('Where runs are recorded: a SQLite file (default .imageforge/history.db) or postgres://…'),
  metrics: z
    .strictObject({
      textfile: z.string().min(1).optional().describe('node_exporter textfile collector file (*.prom).'),
      pushgateway: z.string().url().optional().describe('Pushgateway URL, e.g. http://127.0.0.1:9091.'),
      job: z.string().min(1).optional().describe('Pushgateway job label. Default imageforge.'),
    })
    .optional()
    .describe('Prometheus metrics written / pushed after every run.'),
});

export const buildersSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/), builderSpecSchema);

export const variablesSchema = z.record(variableNameSchema, stringLike());

export const profileSchema = z.strictObject({
  settings: settingsSchema.optional(),
  builders: buildersSchema.optional(),
  variables: variablesSchema.optional(),
  defaults: imageSpecSchema.optional(),
  images: z.record(imageNameSchema, imageSpecSchema).optional(),
});

export const configFileSchema = z.strictObject({
  version: z.literal(1, {
    error: (issue) =>
      issue.input === undefined
        ? 'missing; start the file with `version: 1`'
        : 'unsupported version; this imageforge reads `version: 1`',
  }),
  variables: variablesSchema.optional(),
  settings: settingsSchema.optional(),
  builders: buildersSchema.optional(),
  defaults: imageSpecSchema.optional(),
  profiles: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), profileSchema).optional(),
  images: z.record(imageNameSchema, imageSpecSchema).refine((images) => Object.keys(images).length > 0, {
    error: 'define at least one image',
  }),
});

export type ImageSpec = z.output<typeof imageSpecSchema>;
export type SettingsSpec = z.output<typeof settingsSchema>;
export type BuilderSpec = z.output<typeof builderSpecSchema>;
export type ConfigFile = z.output<typeof configFileSchema>;
