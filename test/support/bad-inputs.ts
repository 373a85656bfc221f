// The bad-input corpus (test/fixtures/bad-inputs/): each folder is one malformed project plus a
// case.yaml saying how to run it and what stderr must say. Loads the cases, materialises a case in a
// throwaway directory (generated files, symlinks) and lists every artifact a run left behind.
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../fixtures/bad-inputs');

/** Files too large (or too odd) to keep in git; written into the case directory at setup. */
const GENERATORS = {
  'ten-megabytes': () =>
    `version: 1\nimages:\n  app:\n    context: app\n    labels:\n      filler: "${'x'.repeat(10 * 1024 * 1024)}"\n`,
  // A flow list keeps 100,000 items under the file-size limit, so the list limit is what fires.
  'hundred-thousand-items': () =>
    `version: 1\nimages:\n  app:\n    context: app\n    dependsOn: [${Array(100_000).fill('app').join(',')}]\n`,
  'deep-nesting': () =>
    `version: 1\nimages:\n  app:\n    context: app\n    labels: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
} satisfies Record<string, () => string>;

const caseSchema = z.strictObject({
  command: z.enum(['config validate', 'plan', 'build', 'build --no-gates']),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  /** A value that must appear in no output and no file the run leaves behind. */
  secret: z.string().min(8).optional(),
  generate: z.enum(Object.keys(GENERATORS) as [keyof typeof GENERATORS]).optional(),
  /** link path (in the case directory) → target; git cannot carry links to absolute paths portably. */
  symlinks: z.record(z.string(), z.string()).default({}),
  /** Files the run must leave behind (so the secret scan provably covered them), relative paths. */
  artifacts: z.array(z.string()).default([]),
  exit: z.literal(2),
  stderr: z.array(z.string().min(1)).min(1),
});

export type BadInputCase = z.output<typeof caseSchema> & { name: string; about: string };

/** Every case, sorted by folder name; an invalid case.yaml fails loudly here. */
export function loadCases(): BadInputCase[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(CORPUS_DIR, name, 'case.yaml'), 'utf8');
      const parsed = caseSchema.safeParse(parseYaml(text));
      if (!parsed.success) throw new Error(`${name}/case.yaml: ${z.prettifyError(parsed.error)}`);
      const about = /^#\s*(.*)$/m.exec(text)?.[1] ?? name;
      return { ...parsed.data, name, about };
    });
}

export interface MaterialisedCase {
  dir: string;
  /** The CLI arguments: command words, then the case's own. */
  argv: string[];
  cleanup(): Promise<void>;
}

/** Copies the case (without case.yaml, which holds the secret) into a fresh temporary directory. */
export async function materialise(testCase: BadInputCase): Promise<MaterialisedCase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `imageforge-bad-${testCase.name}-`));
  await cp(path.join(CORPUS_DIR, testCase.name), dir, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'case.yaml',
  });
  if (testCase.generate) {
    await writeFile(path.join(dir, 'imageforge.yaml'), GENERATORS[testCase.generate]());
  }
  for (const [link, target] of Object.entries(testCase.symlinks)) {
    await symlink(target, path.join(dir, link));
  }
  return {
    dir,
    argv: [...testCase.command.split(' '), ...testCase.args],
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Files under `dir` whose content contains `needle`, as relative paths. Symlinks are not followed
 * (Node 20's recursive readdir would follow a link to /etc). */
export async function filesContaining(dir: string, needle: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...(await filesContaining(dir, needle, relative)));
    else if (entry.isFile() && (await readFile(path.join(dir, relative))).includes(needle))
      found.push(relative);
  }
  return found;
}

/** Signs of an unexpected failure: a JS stack trace, Node internals, a raw TypeError, an internal error. */
export const CRASH_PATTERNS = [
  /^\s+at \S/m,
  /node:internal/,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/,
  /internal error/,
];
