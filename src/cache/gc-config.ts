// Renders a CachePolicy as the `builder.gc` block of dockerd's daemon.json, so the engine's own
// garbage collector enforces the same limits between imageforge runs, and merges it into a file.
//
// Verified on Docker 28.5.2 (effective policy read back with `docker buildx inspect`):
// - `policy[].filter: ["unused-for=72h"]` becomes the rule's Keep Duration;
// - `policy[].reservedSpace`, `maxUsedSpace`, `minFreeSpace` (and `default*` forms) are applied;
// - `keepStorage` is read as reservedSpace; size strings are parsed with binary units ("5GB" =
//   5 GiB) and JSON numbers are refused, so sizes are written as plain byte strings ("5000000000");
// - unknown keys under `builder.gc` are ignored silently, so older daemons ignore the new keys;
// but dockerd 26.1.5 refuses to start when a rule has no `keepStorage`: for engines before 28.0 the
// block is written in that older dialect (daemon-json.ts gcBlock).
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { PrunePolicy } from './plan-prune.js';
import { gcBlock, legacyGcWarnings, mergeGcSettings, usesLegacyGcKeys } from '../builders/daemon-json.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { CacheErrorCode } from './cache-errors.js';

export interface BuilderGcConfig {
  builder: { gc: Record<string, unknown> };
}

const NO_BUILDER_LIMITS = {
  reservedSpaceBytes: undefined,
  maxUsedSpaceBytes: undefined,
  minFreeSpaceBytes: undefined,
  keepDurationMs: undefined,
};

/**
 * The policy as dockerd's own GC rules — the same rules a managed builder's daemon.json carries
 * (src/builders/daemon-json.ts), so `cache gc-config` and managed engines never disagree.
 */
export function renderGcConfig(policy: PrunePolicy, options: GcConfigOptions = {}): BuilderGcConfig {
  const legacyKeys = usesLegacyGcKeys(options.engineVersion);
  return { builder: { gc: gcBlock(mergeGcSettings(NO_BUILDER_LIMITS, policy), { legacyKeys }) } };
}

export interface GcConfigOptions {
  /** The dockerd that will read the block; undefined = a current one. */
  engineVersion?: string | undefined;
}

/** Policy limits the block cannot carry for this engine (older dialect), as one-line warnings. */
export function gcConfigWarnings(policy: PrunePolicy, options: GcConfigOptions = {}): string[] {
  if (!usesLegacyGcKeys(options.engineVersion)) return [];
  return legacyGcWarnings(mergeGcSettings(NO_BUILDER_LIMITS, policy), options.engineVersion, 'builder.gc');
}

const daemonJsonSchema = z.record(z.string(), z.unknown());

/** Replaces `builder.gc` in an existing daemon.json object, keeping every other key. */
export function mergeGcConfig(daemon: Record<string, unknown>, gc: BuilderGcConfig): Record<string, unknown> {
  const builder = daemonJsonSchema.safeParse(daemon.builder);
  return { ...daemon, builder: { ...(builder.success ? builder.data : {}), gc: gc.builder.gc } };
}

/** Merges the rendered block into `file` (created when missing), written temp-then-rename. */
export async function writeGcConfig(file: string, gc: BuilderGcConfig): Promise<Record<string, unknown>> {
  const merged = mergeGcConfig(await readDaemonJson(file), gc);
  await writeFileAtomic(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

async function readDaemonJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    throw error;
  }
  const parsed = daemonJsonSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new ImageforgeError(`${file} is not a JSON object; not touching it`, {
      code: CacheErrorCode.DaemonJsonInvalid,
      category: 'usage',
      hint: 'fix the file by hand, or write the block to a new file and merge it yourself',
    });
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
