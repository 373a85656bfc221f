// The docker CLI plugin audit behind `imageforge plugins ls` and doctor's plugin check: every
// `docker-<name>` in every directory the docker CLI searches, judged the way docker/cli judges it
// (cli-plugins/manager), so each "WARNING: Plugin … is not valid" that `docker info` prints has an
// entry here with the same verdict, and shadowed duplicates (which docker never mentions) too.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DOCKER_BUILTIN_COMMANDS } from './docker-builtin-commands.js';
import { checkPluginFile } from './plugin-file-check.js';
import { fetchPluginMetadata, type MetadataOutcome } from './plugin-metadata.js';
import { resolvePluginDirs, type PluginDir } from './plugin-dirs.js';

export interface PluginAuditOptions {
  env?: Record<string, string | undefined>;
  /** Bound of each metadata call (default 5 s). */
  timeoutMs?: number;
}

export type PluginProblem =
  | 'broken-symlink'
  | 'not-executable'
  | 'not-a-file'
  | 'invalid-name'
  | 'metadata-failed'
  | 'metadata-invalid'
  | 'shadowed';

export const PLUGIN_PROBLEMS = [
  'broken-symlink',
  'not-executable',
  'not-a-file',
  'invalid-name',
  'metadata-failed',
  'metadata-invalid',
  'shadowed',
] as const satisfies readonly PluginProblem[];

export interface PluginEntry {
  name: string;
  path: string;
  dir: string;
  /** docker runs this plugin: the first of its name, and nothing wrong with it. */
  valid: boolean;
  problem?: PluginProblem;
  /** One line. */
  message?: string;
  /** For a shadowed entry: the path docker picks instead. */
  shadowedBy?: string;
  version?: string;
  vendor?: string;
  shortDescription?: string;
}

export interface PluginAudit {
  dirs: PluginDir[];
  plugins: PluginEntry[];
  /** Problems outside any one plugin (an unreadable config.json or plugin directory). */
  warnings: string[];
}

export type PluginStatus = 'ok' | 'invalid' | 'shadowed';

/** ok: docker runs it; invalid: docker warns "is not valid"; shadowed: a later duplicate (a warning). */
export function pluginStatus(entry: PluginEntry): PluginStatus {
  if (entry.valid) return 'ok';
  return entry.problem === 'shadowed' ? 'shadowed' : 'invalid';
}

const NAME_PATTERN = /^[a-z][a-z0-9]*$/;
const NAME_PREFIX = 'docker-';
const PARALLEL_METADATA_CALLS = 4;

interface Candidate {
  name: string;
  path: string;
  dir: string;
  shadowedBy?: string;
}

export async function auditCliPlugins(options: PluginAuditOptions = {}): Promise<PluginAudit> {
  const env = options.env ?? process.env;
  const { dirs, warnings } = await resolvePluginDirs(env);
  const candidates = await listCandidates(dirs, warnings);
  const entries = await mapLimited(candidates, PARALLEL_METADATA_CALLS, (candidate) =>
    inspectCandidate(candidate, { env, timeoutMs: options.timeoutMs }),
  );
  const plugins = describeShadowing(entries.filter((entry) => entry !== undefined));
  return { dirs, plugins, warnings };
}

/** `docker-*` regular files and symlinks, in docker's order of preference; the first of a name wins. */
async function listCandidates(dirs: PluginDir[], warnings: string[]): Promise<Candidate[]> {
  const winners = new Map<string, string>();
  const candidates: Candidate[] = [];
  for (const dir of dirs) {
    if (!dir.exists || dir.sameAs !== undefined) continue;
    let names;
    try {
      names = await readdir(dir.path, { withFileTypes: true });
    } catch (error: unknown) {
      warnings.push(`cannot list ${dir.path}: ${(error as Error).message}`);
      continue;
    }
    // Like docker, anything but a regular file or a symlink (a directory, a FIFO) is ignored.
    const usable = names.filter((e) => e.name.startsWith(NAME_PREFIX) && (e.isFile() || e.isSymbolicLink()));
    for (const entry of usable.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = entry.name.slice(NAME_PREFIX.length);
      const file = path.join(dir.path, entry.name);
      const winner = winners.get(name);
      if (winner === undefined) winners.set(name, file);
      candidates.push({ name, path: file, dir: dir.path, ...(winner ? { shadowedBy: winner } : {}) });
    }
  }
  return candidates;
}

async function inspectCandidate(
  candidate: Candidate,
  options: { env: Record<string, string | undefined>; timeoutMs: number | undefined },
): Promise<PluginEntry | undefined> {
  const base = { name: candidate.name, path: candidate.path, dir: candidate.dir };
  const judged = await judgeCandidate(candidate, options);
  if (judged === undefined) return undefined;
  const verdict = judged.ok ? judged : { ...judged, message: oneLine(judged.message) };
  const metadata = verdict.ok ? verdict.metadata : undefined;
  const facts = {
    ...(metadata?.version ? { version: metadata.version } : {}),
    ...(metadata ? { vendor: metadata.vendor } : {}),
    ...(metadata?.shortDescription ? { shortDescription: metadata.shortDescription } : {}),
  };
  if (candidate.shadowedBy !== undefined)
    return {
      ...base,
      valid: false,
      problem: 'shadowed',
      // Completed by describeShadowing, which knows whether the winner is valid.
      message: verdict.ok ? '' : verdict.message,
      shadowedBy: candidate.shadowedBy,
      ...facts,
    };
  if (!verdict.ok) return { ...base, valid: false, problem: verdict.problem, message: verdict.message };
  return { ...base, valid: true, ...facts };
}

type Verdict =
  | { ok: true; metadata: Extract<MetadataOutcome, { ok: true }>['metadata'] }
  | { ok: false; problem: Exclude<PluginProblem, 'shadowed'>; message: string };

/** The same checks, in the same order, as docker/cli's newPlugin; undefined if the file vanished. */
async function judgeCandidate(
  candidate: Candidate,
  options: { env: Record<string, string | undefined>; timeoutMs: number | undefined },
): Promise<Verdict | undefined> {
  if (!NAME_PATTERN.test(candidate.name))
    return {
      ok: false,
      problem: 'invalid-name',
      message: `plugin candidate "${candidate.name}" did not match "${NAME_PATTERN.source}"`,
    };
  if (DOCKER_BUILTIN_COMMANDS.has(candidate.name))
    return {
      ok: false,
      problem: 'invalid-name',
      message: `plugin "${candidate.name}" duplicates builtin command`,
    };
  let file;
  try {
    file = await checkPluginFile(candidate.path);
  } catch {
    return undefined;
  }
  if (file.problem !== undefined) return { ok: false, problem: file.problem, message: file.message ?? '' };
  return fetchPluginMetadata(candidate.path, options);
}

/**
 * One-line messages for shadowed entries, naming the winner and what docker does about it. Running
 * a plugin (PluginRunCommand) skips candidates that do not stat — a broken symlink — but stops at
 * the first existing one even when it is invalid: a non-executable ~/.docker/cli-plugins/docker-buildx
 * makes `docker buildx` an unknown command although /usr/libexec has a good one (docker 28.2).
 */
function describeShadowing(entries: PluginEntry[]): PluginEntry[] {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const described = entries.map((entry) => {
    if (entry.problem !== 'shadowed' || entry.shadowedBy === undefined) return entry;
    const winner = byPath.get(entry.shadowedBy);
    let usedInstead = entry.shadowedBy;
    if (winner?.problem === 'broken-symlink')
      usedInstead += ', a broken symlink that docker lists as invalid but skips when running the plugin';
    else if (winner?.valid === false)
      usedInstead += `, which is not valid: \`docker ${entry.name}\` fails until it is removed`;
    const own = entry.message ? `; this copy is not valid either: ${entry.message}` : '';
    return { ...entry, message: `shadowed by ${usedInstead}${own}` };
  });
  return described.sort((a, b) => (a.name === b.name ? 0 : a.name < b.name ? -1 : 1));
}

/** Messages quote what plugins print (JSON parse errors include the text): keep them one line. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Runs `work` over items with at most `limit` at once, keeping the order of results. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
