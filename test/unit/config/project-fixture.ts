// Real temporary projects on disk for config tests: an imageforge.yaml plus the directories and
// Dockerfiles it names, removed when the test finishes.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, onTestFinished } from 'vitest';
import type { LoadConfigOptions } from '../../../src/config/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { AggregateImageforgeError } from '../../../src/errors/imageforge-error.js';

export const FIXED_NOW = new Date('2025-01-02T03:04:05Z');

/**
 * Creates a project whose imageforge.yaml is `lines` (line N of the file is `lines[N - 1]`, so tests
 * can assert exact line numbers). `files` are created empty; names ending in `/` are directories.
 */
export async function createProject(lines: string[], files: string[] = ['Dockerfile']): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imageforge-config-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'imageforge.yaml'), lines.join('\n') + '\n');
  for (const file of files) {
    const target = path.join(dir, file);
    if (file.endsWith('/')) {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, 'FROM scratch\n');
    }
  }
  return dir;
}

/** loadConfig with a fixed clock and an empty environment unless given. */
export function load(dir: string, options: LoadConfigOptions = {}) {
  return loadConfig({ cwd: dir, env: {}, now: FIXED_NOW, ...options });
}

/** Loads a config that must fail; returns the error and its message lines. */
export async function loadFailure(
  dir: string,
  options: LoadConfigOptions = {},
): Promise<{ error: AggregateImageforgeError; lines: string[] }> {
  const error = await load(dir, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AggregateImageforgeError);
  const aggregate = error as AggregateImageforgeError;
  expect(aggregate.category).toBe('config');
  return { error: aggregate, lines: aggregate.message.split('\n') };
}
