// Where quarantined plugins live and the manifest that makes a quarantine reversible:
// `<home>/plugin-quarantine/<id>/manifest.json` records, for every moved entry, where it came from,
// why it was moved, what it was (file or symlink, its mode or link target) and when. It is rewritten
// atomically after every single move, so a quarantine interrupted half-way can still be restored.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { PLUGIN_PROBLEMS } from './audit-cli-plugins.js';

export const QUARANTINE_DIR_NAME = 'plugin-quarantine';
export const MANIFEST_FILE = 'manifest.json';

export const quarantineEntrySchema = z.object({
  name: z.string(),
  /** Where the entry was (and goes back to). */
  from: z.string(),
  /** File name inside the quarantine directory. */
  file: z.string(),
  problem: z.enum(PLUGIN_PROBLEMS),
  message: z.string(),
  kind: z.enum(['file', 'symlink']),
  linkTarget: z.string().optional(),
  /** Permission bits, octal string (files only). */
  mode: z.string().optional(),
  quarantinedAt: z.string(),
});

export const quarantineManifestSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  entries: z.array(quarantineEntrySchema),
});

export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;
export type QuarantineManifest = z.infer<typeof quarantineManifestSchema>;

export function quarantineRoot(home: string): string {
  return path.join(home, QUARANTINE_DIR_NAME);
}

/** `20250102-030405`: sorts by time, readable, safe in paths. */
export function quarantineIdFor(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replaceAll('-', '')
    .replaceAll(':', '')
    .replace('T', '-');
}

/** Creates the quarantine directory under a fresh id (`-2`, `-3`… when the second is taken). */
export async function createQuarantineDir(home: string, now: Date): Promise<{ id: string; dir: string }> {
  const root = quarantineRoot(home);
  await mkdir(root, { recursive: true });
  const base = quarantineIdFor(now);
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? base : `${base}-${attempt}`;
    const dir = path.join(root, id);
    try {
      await mkdir(dir, { mode: 0o700 });
      return { id, dir };
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export async function writeManifest(dir: string, manifest: QuarantineManifest): Promise<void> {
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readManifest(dir: string): Promise<QuarantineManifest | undefined> {
  try {
    const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
    const parsed = quarantineManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every readable quarantine still holding entries, oldest first. */
export async function readManifests(home: string): Promise<Array<QuarantineManifest & { dir: string }>> {
  const root = quarantineRoot(home);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const found = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const manifest = await readManifest(dir);
    if (manifest && manifest.entries.length > 0) found.push({ ...manifest, dir });
  }
  return found.sort((a, b) => compareIds(a, b));
}

function compareIds(a: QuarantineManifest, b: QuarantineManifest): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}
