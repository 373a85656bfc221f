// Every imageforge command line the docs show (README.md and docs/*.md, found anew on every run) is
// held against the current CLI, so the docs cannot drift:
// - each pasteable line is parsed by the real commander program (unknown command, option or value
//   fails, naming the doc file and line);
// - each synopsis line (`[--json]`, `<name>`, `day|hour`) and each inline mention (`imageforge doctor
//   --fix --yes` in a table) names a real command and only flags it has, with the right arity and
//   values the parser accepts;
// - the read-only lines are executed with the built CLI in a scratch copy of examples/jenkins-ha and
//   must exit as the docs promise; what is not executed is listed below with the reason;
// - `--help` of every command runs, and every command is documented somewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { appendFile, copyFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, type CliRun } from '../support/cli.js';
import { docker } from '../support/docker.js';
import { uniqueTag } from '../support/project.js';
import { extractDocCommands, parseReference, type DocCommand } from '../support/doc-commands.js';
import {
  allCommands,
  checkReference,
  commandPath,
  createQuietProgram,
  parseCommandLine,
} from '../support/doc-cli-check.js';

const DOC_FILES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const DOCS = DOC_FILES.flatMap((file) =>
  extractDocCommands(file, readFileSync(path.join(ROOT, file), 'utf8')),
);
const COMMANDS = DOCS.filter((doc) => doc.kind === 'command');
const REFERENCES = DOCS.filter((doc) => doc.kind === 'reference');
/** Inline code spans naming a command, once per file and text (prose repeats `imageforge serve`). */
const MENTIONS = [
  ...new Map(
    DOCS.filter((doc) => doc.kind === 'mention').map((doc) => [`${doc.file} ${doc.text}`, doc]),
  ).values(),
];
const where = (doc: DocCommand) => `${doc.file}:${doc.line}: ${doc.text}`;

/** A parsed doc line: the command it dispatches to and its flags. */
interface Invocation {
  command: string;
  has(flag: string): boolean;
}

/** Lines deliberately not executed here, and why. First match wins; checked before EXECUTED. */
const NOT_EXECUTED: Array<{ when: (line: Invocation) => boolean; reason: string }> = [
  { when: (line) => line.has('--push'), reason: 'publishes images to a registry' },
  {
    when: (line) => line.command === 'serve',
    reason: 'a long-running server (test/itg/dashboard.itg.test.ts)',
  },
  {
    when: (line) => line.command === 'build',
    reason: 'builds images (the build itself has its own itg tests)',
  },
  {
    when: (line) => line.command === 'test' || (line.command === 'scan' && !line.has('--report')),
    reason: 'needs a built image of the config (test/itg/gates-cli.itg.test.ts)',
  },
  {
    when: (line) => /^builder (create|up|down|rm|use)$/.test(line.command),
    reason: 'starts, stops or changes builders on this machine (test/itg/builders.itg.test.ts)',
  },
  {
    when: (line) =>
      /^(cache (prune|enforce)|plugins (clean|restore))$/.test(line.command) && !line.has('--dry-run'),
    reason: 'deletes build cache or moves docker CLI plugins of the shared machine',
  },
  {
    when: (line) =>
      line.command === 'doctor' &&
      ['--fix', '--optimize', '--reset'].some((flag) => line.has(flag)) &&
      !line.has('--dry-run'),
    reason: 'repairs the shared host (test/itg/doctor.itg.test.ts)',
  },
  { when: (line) => line.command === 'cache gc-config' && line.has('--write'), reason: 'writes daemon.json' },
];

/** Read-only lines executed for real, with the exit code the docs promise for them here. */
const EXECUTED: Array<{
  when: (line: Invocation) => boolean;
  exitCode: (line: Invocation) => number;
  promise: string;
}> = [
  {
    when: (line) => ['--help', '--version'].includes(line.command),
    exitCode: () => 0,
    promise: 'help and version',
  },
  {
    when: (line) => /^(config (validate|schema)|plan)$/.test(line.command),
    exitCode: () => 0,
    promise: 'a valid config exits 0 (README, Exit codes)',
  },
  { when: (line) => line.command.startsWith('history '), exitCode: () => 0, promise: 'monitoring.md' },
  {
    when: (line) => /^cache (du|prune|enforce|gc-config)$/.test(line.command),
    exitCode: () => 0,
    promise: 'cache.md: reads and dry runs exit 0',
  },
  {
    when: (line) => /^builder (ls|inspect|config)$/.test(line.command),
    exitCode: () => 0,
    promise: 'builders.md (the scratch project declares dev and prod)',
  },
  {
    when: (line) => line.command === 'scan' && line.has('--report'),
    exitCode: (line) => (line.has('NONE') ? 0 : 1),
    promise: 'gates.md: exit 1 when the gate fails (trivy.json holds a fixed CRITICAL finding)',
  },
  {
    when: (line) => line.command === 'plugins ls' || line.command === 'plugins clean',
    exitCode: () => 0,
    promise: 'doctor.md: 0 when no plugin is invalid',
  },
  {
    when: (line) => line.command === 'plugins restore',
    exitCode: () => 2,
    promise: 'doctor.md: 2 when nothing is quarantined (a fresh IMAGEFORGE_HOME)',
  },
  { when: (line) => line.command === 'doctor', exitCode: () => 0, promise: 'doctor.md: 0 on a healthy host' },
];

type Decision =
  | { execute: true; exitCode: number; promise: string }
  | { execute: false; reason: string }
  | { execute: false; undecided: true };

function decide(doc: DocCommand, command: string): Decision {
  const line: Invocation = { command, has: (flag) => doc.words.includes(flag) };
  const skipped = NOT_EXECUTED.find((rule) => rule.when(line));
  if (skipped) return { execute: false, reason: skipped.reason };
  const executed = EXECUTED.find((rule) => rule.when(line));
  if (executed) return { execute: true, exitCode: executed.exitCode(line), promise: executed.promise };
  return { execute: false, undecided: true };
}

// The scratch project: examples/jenkins-ha plus two builders, a Trivy report and an ignore file, so
// that the docs' examples (builder inspect prod, scan --report trivy.json …) have what they name.
const BUILDERS_YAML = `
builders:
  dev: { driver: docker }
  prod:
    driver: managed
    resources: { memory: 4GB, cpus: 2 }
`;
const IGNORES_YAML = `- id: CVE-2019-18276
  package: bash
  reason: not reachable from the service (ticket SEC-42)
  expires: 2099-12-31
`;
const TAG = uniqueTag('docs');
let scratch = '';
let project = '';

function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { TAG, IMAGEFORGE_HOME: path.join(scratch, 'home'), ...extra };
}

/** A doc's `-f …/imageforge.yaml` means the example's config: the scratch copy here. */
function scratchArgv(words: string[]): string[] {
  return words.map((word, index) =>
    ['-f', '--file'].includes(words[index - 1] ?? '') && path.basename(word) === 'imageforge.yaml'
      ? path.join(project, 'imageforge.yaml')
      : word,
  );
}

async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'imageforge-docs-'));
  project = path.join(scratch, 'project');
  await cp(path.join(ROOT, 'examples/jenkins-ha'), project, {
    recursive: true,
    filter: (source) => path.basename(source) !== '.imageforge',
  });
  await appendFile(path.join(project, 'imageforge.yaml'), BUILDERS_YAML);
  await copyFile(path.join(ROOT, 'test/fixtures/trivy/debian-buster.json'), path.join(project, 'trivy.json'));
  await writeFile(path.join(project, 'ignores.yaml'), IGNORES_YAML);
});

afterAll(async () => {
  const tags = ['base', 'controller', 'agent-base', 'agent-inbound', 'agent-tools'].map(
    (image) => `localhost:5000/jenkins/${image}:${TAG}`,
  );
  try {
    docker(['rmi', '-f', ...tags]);
  } catch {
    // nothing was built
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const label = (doc: DocCommand) => [`${doc.file}:${doc.line} ${doc.text}`, doc] as const;

describe('the docs show imageforge commands', () => {
  it('finds them in README.md and docs/*.md', () => {
    expect(DOC_FILES).toContain('docs/configuration.md');
    expect(COMMANDS.length).toBeGreaterThan(20);
    expect(REFERENCES.length).toBeGreaterThan(10);
    expect(MENTIONS.length).toBeGreaterThan(20);
  });

  it.each(COMMANDS.map(label))('the CLI parses %s', async (_label, doc) => {
    const result = await parseCommandLine(doc.words);
    expect(result.error, `${where(doc)}\nthe CLI refuses it: ${result.error}`).toBeUndefined();
  });

  it.each([...REFERENCES, ...MENTIONS].map(label))(
    'the command has every flag of %s',
    async (_label, doc) => {
      const { problems } = await checkReference(parseReference(doc.words));
      expect(problems, where(doc)).toEqual([]);
    },
  );
});

describe('read-only commands of the docs, executed', () => {
  const parsed = new Map<DocCommand, string | undefined>();
  const runs = new Map<DocCommand, CliRun>();
  let seededRunId = '';

  beforeAll(async () => {
    // one real run, so the history commands have something to show
    const seed = await runCli(['build', '--no-gates', '--progress', 'quiet', '--json'], {
      cwd: project,
      env: cliEnv(),
    });
    if (seed.code !== 0) throw new Error(`seeding build failed (${seed.code}): ${seed.stderr}`);
    seededRunId = (JSON.parse(seed.stdout) as { runId: string }).runId;
    for (const doc of COMMANDS) parsed.set(doc, (await parseCommandLine(doc.words)).command);
    const executed = COMMANDS.filter((doc) => {
      const command = parsed.get(doc);
      return command !== undefined && decide(doc, command).execute;
    });
    // the same line shown in several docs runs once
    const byLine = new Map<string, DocCommand[]>();
    for (const doc of executed) {
      const key = JSON.stringify([doc.words, doc.env]);
      byLine.set(key, [...(byLine.get(key) ?? []), doc]);
    }
    await inParallel([...byLine.values()], 3, async (docs) => {
      const [first] = docs;
      if (!first) return;
      const env = cliEnv(first.env);
      const run = await runCli(scratchArgv(first.words), { cwd: project, env, timeoutMs: 120_000 });
      for (const doc of docs) runs.set(doc, run);
    });
  });

  it.for(COMMANDS.map(label))('%s runs as documented (or is skipped with the reason)', ([, doc], context) => {
    const command = parsed.get(doc);
    if (command === undefined) return; // the parse test fails
    const decision = decide(doc, command);
    if (!decision.execute) {
      expect(
        'undecided' in decision,
        `${where(doc)}\nneither executed nor excluded: add a rule to EXECUTED or NOT_EXECUTED`,
      ).toBe(false);
      return context.skip(`not executed: ${'reason' in decision ? decision.reason : ''}`);
    }
    const run = runs.get(doc);
    const shown = [
      where(doc),
      `exit ${run?.code}, the docs promise ${decision.exitCode} (${decision.promise})`,
      `stdout:\n${run?.stdout.slice(-1500)}`,
      `stderr:\n${run?.stderr.slice(-1500)}`,
    ].join('\n');
    expect(run?.code, shown).toBe(decision.exitCode);
    expect(run?.stderr, shown).not.toMatch(/\n\s+at /);
    if (doc.words.includes('--json') && run?.code === 0)
      expect(() => JSON.parse(run.stdout) as unknown, shown).not.toThrow();
  });

  const required: Array<[string, (doc: DocCommand, command: string) => boolean]> = [
    ['config validate', (_doc, command) => command === 'config validate'],
    ['config schema', (_doc, command) => command === 'config schema'],
    ['plan', (_doc, command) => command === 'plan'],
    ['history ls', (_doc, command) => command === 'history ls'],
    ['history trends', (_doc, command) => command === 'history trends'],
    ['cache du', (_doc, command) => command === 'cache du'],
    ['builder ls', (_doc, command) => command === 'builder ls'],
    ['plugins ls', (_doc, command) => command === 'plugins ls'],
    ['doctor (diagnose)', (doc, command) => command === 'doctor' && !doc.words.includes('--dry-run')],
    ['doctor --dry-run', (doc, command) => command === 'doctor' && doc.words.includes('--dry-run')],
    ['scan --report', (doc, command) => command === 'scan' && doc.words.includes('--report')],
  ];
  it.each(required)('include %s', (_name, matches) => {
    const executed = [...runs.keys()].filter((doc) => matches(doc, parsed.get(doc) ?? ''));
    expect(
      executed.length,
      'no doc shows this read-only command as a pasteable line any more',
    ).toBeGreaterThan(0);
  });

  it('show the seeded run in every unfiltered history ls', () => {
    const lists = [...runs.entries()].filter(
      ([doc]) =>
        parsed.get(doc) === 'history ls' &&
        !['--status', '--branch', '--image'].some((flag) => doc.words.includes(flag)),
    );
    expect(lists.length).toBeGreaterThan(0);
    for (const [doc, run] of lists) expect(run.stdout, where(doc)).toContain(seededRunId);
  });
});

describe('the CLI itself', () => {
  const program = createQuietProgram().program;
  const names = allCommands(program).map((command) => commandPath(command).join(' '));
  const helpRuns = new Map<string, CliRun>();

  beforeAll(async () => {
    await inParallel(names, 3, async (name) => {
      const argv = [...(name ? name.split(' ') : []), '--help'];
      helpRuns.set(name, await runCli(argv, { cwd: project, env: cliEnv(), timeoutMs: 60_000 }));
    });
  });

  it.each(names.map((name) => [`imageforge ${name} --help`.replace('  ', ' '), name]))(
    '%s exits 0 and shows its usage',
    (_label, name) => {
      const run = helpRuns.get(name);
      expect(run?.code, run?.stderr).toBe(0);
      expect(run?.stdout).toContain(`Usage: imageforge ${name}`.trim());
    },
  );

  it('has every command documented in a code block of the docs', async () => {
    const documented = new Set<string>();
    for (const doc of COMMANDS) documented.add((await parseCommandLine(doc.words)).command ?? '');
    for (const doc of REFERENCES) {
      for (const command of (await checkReference(parseReference(doc.words))).commands)
        documented.add(command);
    }
    const leaves = allCommands(program)
      .filter((command) => command.commands.length === 0)
      .map((command) => commandPath(command).join(' '));
    expect(leaves.filter((command) => !documented.has(command))).toEqual([]);
  });
});
