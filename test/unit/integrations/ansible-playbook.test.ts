// examples/integrations/ansible: the real run is test/itg/ansible.itg.test.ts; here, without
// Ansible, the shape it relies on — only ansible.builtin modules (ansible-core suffices), the build's
// argv accepted by the real CLI parser, and changed/failed decided from the JSON report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInvocation } from './cli-command-lines.js';
import { documentedExitCodes } from './documented-exit-codes.js';

const DIR = path.resolve(import.meta.dirname, '../../../examples/integrations/ansible');

const taskSchema: z.ZodType<Task> = z.lazy(() =>
  z
    .object({
      name: z.string(),
      block: z.array(taskSchema).optional(),
      rescue: z.array(taskSchema).optional(),
      always: z.array(taskSchema).optional(),
      changed_when: z.union([z.string(), z.boolean()]).optional(),
      failed_when: z.union([z.string(), z.boolean()]).optional(),
    })
    .catchall(z.unknown()),
);
interface Task {
  name: string;
  block?: Task[];
  rescue?: Task[];
  always?: Task[];
  changed_when?: string | boolean;
  failed_when?: string | boolean;
  [key: string]: unknown;
}
const playbookSchema = z.array(
  z.object({
    name: z.string(),
    hosts: z.string(),
    vars: z.record(z.string(), z.unknown()),
    tasks: z.array(taskSchema),
  }),
);

const plays = playbookSchema.parse(parse(readFileSync(path.join(DIR, 'playbook.yml'), 'utf8')));

function allTasks(tasks: Task[]): Task[] {
  return tasks.flatMap((task) => [
    task,
    ...allTasks([...(task.block ?? []), ...(task.rescue ?? []), ...(task.always ?? [])]),
  ]);
}
const tasks = allTasks(plays.flatMap((play) => play.tasks));
const KEYWORDS = new Set([
  'name',
  'block',
  'rescue',
  'always',
  'when',
  'tags',
  'register',
  'vars',
  'environment',
  'changed_when',
  'failed_when',
]);

function task(name: string): Task {
  const found = tasks.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no task named ${name}`);
  return found;
}

describe('examples/integrations/ansible', () => {
  it('targets the local builders group of its inventory', () => {
    expect(plays.map((play) => play.hosts)).toEqual(['builders']);
    const inventory = readFileSync(path.join(DIR, 'inventory.ini'), 'utf8');
    expect(inventory).toMatch(/^\[builders\]\nlocalhost ansible_connection=local /m);
  });

  it('uses only ansible.builtin modules', () => {
    const modules = tasks.flatMap((candidate) => Object.keys(candidate).filter((key) => !KEYWORDS.has(key)));
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.filter((module) => !module.startsWith('ansible.builtin.'))).toEqual([]);
  });

  it('runs an imageforge build argv that the real CLI accepts, with and without --push', async () => {
    const command = z
      .object({ argv: z.string(), chdir: z.string() })
      .parse(task('imageforge build')['ansible.builtin.command']);
    const literal = /^\{\{\s*\[([^\]]*)\]/.exec(command.argv)?.[1] ?? '';
    const words = literal.split(',').map((word) => word.trim());
    expect(words[0]).toBe('imageforge_bin');
    const argv = words.slice(1).map((word) => (/^'.*'$/.test(word) ? word.slice(1, -1) : 'placeholder'));
    expect(argv.slice(0, 2)).toEqual(['build', '--json']);
    expect(command.argv).toContain("(['--push'] if imageforge_push | bool else [])");
    for (const candidate of [argv, [...argv, '--push']]) {
      expect(await parseInvocation(candidate)).toEqual({ argv: candidate, command: 'build' });
    }
  });

  it('decides changed from the built count and failed from the exit code and report status', () => {
    const build = task('imageforge build');
    expect(build.register).toBe('imageforge_run');
    expect(build.changed_when).toMatch(/\(imageforge_run\.stdout \| from_json\)\.summary\.built \| int > 0/);
    expect(build.failed_when).toMatch(/imageforge_run\.rc != 0 or/);
    expect(build.failed_when).toMatch(/\(imageforge_run\.stdout \| from_json\)\.status != 'succeeded'/);
    const explain = task('Explain why imageforge failed');
    expect(Object.keys(explain)).toContain('ansible.builtin.fail');
  });

  it('names every documented exit code in its failure message table', () => {
    const meanings = z.record(z.string(), z.string()).parse(plays[0]?.vars.imageforge_exit_meanings);
    const failures = documentedExitCodes().filter((code) => code !== 0);
    expect(failures).toEqual([1, 2, 3, 130]);
    expect(Object.keys(meanings).map(Number)).toEqual(failures);
  });
});
