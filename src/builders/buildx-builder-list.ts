// The live state of buildx builders from `docker buildx ls --format json` (buildx ≥ 0.13): driver,
// nodes, status, BuildKit version, platforms, driver options and GC policy — validated, with the
// fields buildx omits for some drivers treated as empty. Older buildx: names from the plain
// `docker buildx ls`, then `docker buildx inspect` per builder (no driver options, flags or GC policy).
import { z } from 'zod';
import { exec, isSuccess } from '../exec/exec.js';
import { parseBuilderInspect, type BuilderInfo, type BuilderNode } from '../buildx/builder.js';
import { parseJsonLines } from '../shared/json-lines.js';

export interface GcPolicyRule {
  all: boolean;
  filters: string[];
  keepDurationMs: number;
  reservedSpaceBytes: number;
  maxUsedSpaceBytes: number;
  minFreeSpaceBytes: number;
}

export interface InspectedNode extends BuilderNode {
  /** undefined when buildx did not report them (docker driver, old buildx). */
  driverOpts: Record<string, string> | undefined;
  gcPolicy: GcPolicyRule[];
  /** buildkitd flags, e.g. --allow-insecure-entitlement=network.host */
  flags: string[];
}

export interface InspectedBuilder extends BuilderInfo {
  nodes: InspectedNode[];
}

const NANOS_PER_MS = 1_000_000;

const gcRuleSchema = z.object({
  all: z.boolean().default(false),
  filter: z.array(z.string()).nullish(),
  keepDuration: z.number().default(0),
  keepBytes: z.number().default(0), // buildx < 0.17 name of reservedSpace
  reservedSpace: z.number().default(0),
  maxUsedSpace: z.number().default(0),
  minFreeSpace: z.number().default(0),
});

const nodeSchema = z.object({
  Name: z.string().default(''),
  Endpoint: z.string().default(''),
  Status: z.string().default(''),
  Version: z.string().optional(),
  Platforms: z.array(z.string()).nullish(),
  DriverOpts: z.record(z.string(), z.string()).nullish(),
  GCPolicy: z.array(gcRuleSchema).nullish(),
  Flags: z.array(z.string()).nullish(),
  Err: z.string().optional(),
});

const builderSchema = z.object({
  Name: z.string(),
  Driver: z.string().default(''),
  Current: z.boolean().default(false),
  Nodes: z.array(nodeSchema).nullish(),
});

/**
 * Parses `docker buildx ls --format json` (one JSON object per line); skips unparsable lines.
 * buildx 0.13 prints every builder twice: the first of each name is kept.
 */
export function parseBuildxList(stdout: string): InspectedBuilder[] {
  const builders = new Map<string, InspectedBuilder>();
  for (const builder of parseJsonLines(stdout, builderSchema)) {
    if (builders.has(builder.Name)) continue;
    builders.set(builder.Name, {
      name: builder.Name,
      driver: builder.Driver,
      current: builder.Current,
      nodes: (builder.Nodes ?? []).map(toNode),
    });
  }
  return [...builders.values()];
}

/** Builders of the plain `docker buildx ls` table: unindented rows, `*` marks the current one. */
export function parseBuildxLsNames(stdout: string): Array<{ name: string; current: boolean }> {
  return stdout
    .split('\n')
    .slice(1)
    .filter((line) => /^\S/.test(line))
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter(Boolean)
    .map((word) => ({ name: word.replace(/\*$/, ''), current: word.endsWith('*') }));
}

/** `docker buildx inspect` text as an InspectedBuilder; what the text does not carry stays empty. */
export function inspectedFromText(stdout: string): InspectedBuilder | undefined {
  const info = parseBuilderInspect(stdout);
  if (!info) return undefined;
  return {
    ...info,
    nodes: info.nodes.map((node) => ({ ...node, driverOpts: undefined, gcPolicy: [], flags: [] })),
  };
}

function toNode(node: z.infer<typeof nodeSchema>): InspectedNode {
  return {
    name: node.Name,
    endpoint: node.Endpoint,
    status: node.Err ? `error: ${node.Err}` : node.Status,
    buildkitVersion: node.Version,
    platforms: node.Platforms ?? [],
    driverOpts: node.DriverOpts ?? undefined,
    gcPolicy: (node.GCPolicy ?? []).map((rule) => ({
      all: rule.all,
      filters: (rule.filter ?? []).flatMap((filter) => filter.split(',')).filter(Boolean),
      keepDurationMs: rule.keepDuration / NANOS_PER_MS,
      reservedSpaceBytes: rule.reservedSpace || rule.keepBytes,
      maxUsedSpaceBytes: rule.maxUsedSpace,
      minFreeSpaceBytes: rule.minFreeSpace,
    })),
    flags: node.Flags ?? [],
  };
}

/** Every builder buildx knows (docker contexts included), or undefined when buildx cannot list. */
export async function listBuildxBuilders(
  env?: Record<string, string | undefined>,
): Promise<InspectedBuilder[] | undefined> {
  const result = await exec('docker', ['buildx', 'ls', '--format', 'json'], { timeoutMs: 60_000, env });
  if (isSuccess(result)) return parseBuildxList(result.stdout);
  if (!/unknown flag: --format/.test(result.stderr)) return undefined;
  return listWithoutJson(env);
}

/** buildx before 0.13 has no `ls --format`: the plain table for names, `inspect` for each. */
async function listWithoutJson(
  env?: Record<string, string | undefined>,
): Promise<InspectedBuilder[] | undefined> {
  const table = await exec('docker', ['buildx', 'ls'], { timeoutMs: 60_000, env });
  if (!isSuccess(table)) return undefined;
  const inspected = await Promise.all(
    parseBuildxLsNames(table.stdout).map(async ({ name, current }) => {
      const result = await exec('docker', ['buildx', 'inspect', name], { timeoutMs: 30_000, env });
      const builder = isSuccess(result) ? inspectedFromText(result.stdout) : undefined;
      return { ...(builder ?? { name, driver: '', nodes: [] }), current };
    }),
  );
  return inspected;
}
