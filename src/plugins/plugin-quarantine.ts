// Quarantine: the reversible fix for invalid docker CLI plugins. Invalid entries move into
// `<imageforge home>/plugin-quarantine/<id>/` (never deleted, never a valid or shadowed one), and
// `restoreQuarantine` moves them back exactly, refusing to overwrite anything that took their place.
import { constants } from 'node:fs';
import { access, lstat, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pluginStatus, type PluginEntry, type PluginProblem } from './audit-cli-plugins.js';
import { entryFacts, movePluginEntry } from './move-plugin-entry.js';
import {
  asPluginError,
  isPermissionError,
  moveFailedError,
  partialQuarantineError,
  permissionDeniedError,
  quarantineNotFoundError,
  restoreConflictError,
} from './plugin-errors.js';
import {
  createQuarantineDir,
  quarantineIdFor,
  quarantineRoot,
  readManifests,
  writeManifest,
  type QuarantineEntry,
  type QuarantineManifest,
} from './quarantine-manifest.js';

export interface QuarantineOptions {
  /** imageforge's home (defaultImageforgeHome). */
  home: string;
  dryRun?: boolean;
  now?: Date;
}

export interface PluginMove {
  from: string;
  to: string;
  problem: PluginProblem;
}

export interface QuarantineResult {
  id: string;
  dir: string;
  /** Empty when no entry was invalid: then nothing was created. */
  moved: PluginMove[];
  dryRun: boolean;
}

export interface QuarantineListing {
  id: string;
  dir: string;
  createdAt: string;
  entries: QuarantineEntry[];
}

export interface RestoreResult {
  id: string;
  dir: string;
  /** from: in the quarantine; to: the original path. */
  restored: PluginMove[];
  dryRun: boolean;
}

/** Moves every invalid entry (pluginStatus 'invalid') into a new quarantine. */
export async function quarantinePlugins(
  entries: PluginEntry[],
  options: QuarantineOptions,
): Promise<QuarantineResult> {
  const now = options.now ?? new Date();
  const invalid = entries.filter((entry) => pluginStatus(entry) === 'invalid');
  const dryRun = options.dryRun === true;
  if (invalid.length === 0 || dryRun) {
    const id = quarantineIdFor(now);
    const dir = path.join(quarantineRoot(options.home), id);
    return { id, dir, moved: planMoves(invalid, dir).map(({ entry, to }) => moveOf(entry, to)), dryRun };
  }
  await assertWritable(invalid.map((entry) => path.dirname(entry.path)));
  const { id, dir } = await createQuarantineDir(options.home, now).catch((error: unknown) => {
    throw asPluginError(`create a quarantine in ${quarantineRoot(options.home)}`, error);
  });
  const manifest: QuarantineManifest = { schemaVersion: 1, id, createdAt: now.toISOString(), entries: [] };
  const moved: PluginMove[] = [];
  try {
    for (const { entry, to } of planMoves(invalid, dir)) {
      const facts = await entryFacts(entry.path).catch((error: unknown) => {
        throw moveFailedError(
          entry.path,
          to,
          error,
          'run `imageforge plugins ls` again: it changed meanwhile',
        );
      });
      await movePluginEntry(entry.path, to);
      manifest.entries.push({
        name: entry.name,
        from: entry.path,
        file: path.basename(to),
        problem: entry.problem ?? 'metadata-invalid',
        message: entry.message ?? '',
        ...facts,
        quarantinedAt: new Date().toISOString(),
      });
      moved.push(moveOf(entry, to));
      await writeManifest(dir, manifest).catch((error: unknown) => {
        throw asPluginError(`write ${dir}/manifest.json`, error);
      });
    }
  } catch (error: unknown) {
    if (moved.length === 0) await rm(dir, { recursive: true, force: true });
    throw moved.length === 0 ? error : partialQuarantineError(error, id, moved.length);
  }
  return { id, dir, moved, dryRun };
}

/** Every quarantine still holding entries, oldest first. */
export async function listQuarantines(home: string): Promise<QuarantineListing[]> {
  return (await readManifests(home)).map(({ id, dir, createdAt, entries }) => ({
    id,
    dir,
    createdAt,
    entries,
  }));
}

/** Moves a quarantine's entries back (the newest quarantine when `id` is undefined). */
export async function restoreQuarantine(
  home: string,
  id: string | undefined,
  options: { dryRun?: boolean } = {},
): Promise<RestoreResult> {
  const all = await readManifests(home);
  const manifest = id === undefined ? all.at(-1) : all.find((candidate) => candidate.id === id);
  if (!manifest)
    throw quarantineNotFoundError(
      id,
      all.map((candidate) => candidate.id),
      home,
    );
  const dryRun = options.dryRun === true;
  const moves = manifest.entries.map((entry) => ({
    from: path.join(manifest.dir, entry.file),
    to: entry.from,
    problem: entry.problem,
  }));
  await assertRestorable(manifest, moves);
  if (dryRun) return { id: manifest.id, dir: manifest.dir, restored: moves, dryRun };
  await assertWritable(moves.map((move) => path.dirname(move.to)));
  const remaining = [...manifest.entries];
  for (const move of moves) {
    await mkdir(path.dirname(move.to), { recursive: true });
    await movePluginEntry(move.from, move.to);
    remaining.shift();
    await writeManifest(manifest.dir, { ...manifest, entries: remaining });
  }
  await rm(manifest.dir, { recursive: true, force: true });
  return { id: manifest.id, dir: manifest.dir, restored: moves, dryRun };
}

/** Target names inside the quarantine: the entry's own name, `-2`… on a clash. */
function planMoves(entries: PluginEntry[], dir: string): Array<{ entry: PluginEntry; to: string }> {
  const taken = new Set<string>();
  return entries.map((entry) => {
    const base = path.basename(entry.path);
    let file = base;
    for (let n = 2; taken.has(file); n++) file = `${base}-${n}`;
    taken.add(file);
    return { entry, to: path.join(dir, file) };
  });
}

function moveOf(entry: PluginEntry, to: string): PluginMove {
  return { from: entry.path, to, problem: entry.problem ?? 'metadata-invalid' };
}

/** Fails before anything moves when a directory cannot be changed (a system dir, not root). */
async function assertWritable(dirs: string[]): Promise<void> {
  const refused: string[] = [];
  for (const dir of [...new Set(dirs)]) {
    try {
      await access(dir, constants.W_OK | constants.X_OK);
    } catch (error: unknown) {
      if (isPermissionError(error)) refused.push(dir);
    }
  }
  if (refused.length > 0) throw permissionDeniedError(`change ${refused.join(', ')}`, refused);
}

/** Nothing may stand where an entry goes back, and every entry must still be in the quarantine. */
async function assertRestorable(manifest: QuarantineManifest, moves: PluginMove[]): Promise<void> {
  const occupied: string[] = [];
  for (const move of moves) {
    if (await exists(move.to)) occupied.push(move.to);
    if (!(await exists(move.from)))
      throw moveFailedError(
        move.from,
        move.to,
        new Error('it is no longer in the quarantine'),
        `edit ${path.join(path.dirname(move.from), 'manifest.json')} to drop it, then restore again`,
      );
  }
  if (occupied.length > 0) throw restoreConflictError(manifest.id, occupied);
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
