// Digests a build context the way BuildKit sees it: every file that survives .dockerignore (or the
// Dockerfile-specific `<Dockerfile>.dockerignore`), with its path, executable bit and content.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from '@balena/dockerignore';

// The package is CommonJS (`module.exports = factory`) while its typings declare a default export.
const dockerignore = createRequire(import.meta.url)('@balena/dockerignore') as (options?: {
  ignorecase?: boolean;
}) => Ignore;

export async function readIgnorePatterns(context: string, dockerfile: string): Promise<string[]> {
  const candidates = [`${dockerfile}.dockerignore`, path.join(context, '.dockerignore')];
  for (const file of candidates) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return text.split('\n');
  }
  return [];
}

/**
 * imageforge's own state folder (reports, history, build state) changes on every run: it is output,
 * never an input, so it does not count even when a context (`context: .`) contains it.
 */
const STATE_DIR = '.imageforge';

/** sha256 over the sorted (path, mode, content) of every file BuildKit would send. */
export async function digestContext(context: string, dockerfile: string): Promise<string> {
  const ignore = dockerignore({ ignorecase: false }).add(await readIgnorePatterns(context, dockerfile));
  const files = (await listFiles(context, '')).filter((file) => !ignore.ignores(file)).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const full = path.join(context, file);
    const info = await lstat(full);
    hash.update(`${file}\0${info.mode & 0o111 ? 'x' : '-'}\0`);
    if (info.isSymbolicLink()) hash.update(`link:${await readlink(full)}`);
    else
      hash.update(
        createHash('sha256')
          .update(await readFile(full))
          .digest('hex'),
      );
    hash.update('\n');
  }
  return hash.digest('hex');
}

async function listFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name === STATE_DIR) continue;
    if (entry.isDirectory()) files.push(...(await listFiles(root, name)));
    else files.push(name);
  }
  return files;
}
