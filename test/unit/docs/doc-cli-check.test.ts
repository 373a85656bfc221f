// The checker must reject what the real CLI rejects — an unknown command, flag or value, a flag shown
// with the wrong arity — or the docs drift test would prove nothing.
import { describe, expect, it } from 'vitest';
import { checkReference, parseCommandLine } from '../../support/doc-cli-check.js';
import { parseReference } from '../../support/doc-commands.js';

describe('parseCommandLine (the real program, nothing runs)', () => {
  it('names the command a valid line dispatches to', async () => {
    expect(await parseCommandLine(['plan', '--profile', 'ci', '--set', 'settings.parallel=1'])).toEqual({
      command: 'plan',
    });
    expect(
      await parseCommandLine(['cache', 'prune', '--registry', 'localhost:5000/cache', '--dry-run']),
    ).toEqual({
      command: 'cache prune',
    });
    expect(await parseCommandLine(['doctor', '--only', 'daemon,buildx'])).toEqual({ command: 'doctor' });
    expect(await parseCommandLine(['builder', '--help'])).toEqual({ command: '--help' });
    expect(await parseCommandLine(['--version'])).toEqual({ command: '--version' });
  });

  it.each([
    [['buidl'], /unknown command 'buidl'/],
    [['cache', 'dux'], /unknown command 'dux'/],
    [['plan', '--pushh'], /unknown option '--pushh'/],
    [['plugins', 'ls', '-f', 'x.yaml'], /unknown option '-f'/],
    [['build', '--progress', 'fancy'], /--progress: expected one of auto, tty, plain, quiet/],
    [['history', 'trends', '--since', 'soon'], /--since: expected a duration/],
    [['doctor', '--only', 'nonsense'], /nonsense/],
    [['history', 'show'], /missing required argument/],
    [['cache'], /./],
  ])('rejects %j', async (argv, message) => {
    const parsed = await parseCommandLine(argv);
    expect(parsed.command).toBeUndefined();
    expect(parsed.error).toMatch(message);
  });
});

async function problems(words: string[]): Promise<string[]> {
  return (await checkReference(parseReference(words))).problems;
}

describe('checkReference', () => {
  it('accepts synopses that match the program', async () => {
    expect(
      await problems(['history', 'trends', '[--since', '30d]', '[--bucket', 'day|hour]', '[--json]']),
    ).toEqual([]);
    expect(
      await problems(['doctor', '[--json]', '[--only', 'ids]', '[-f', 'imageforge.yaml]', '[-y]']),
    ).toEqual([]);
    expect(await problems(['builder', 'inspect', 'NAME', '[--json]'])).toEqual([]);
    expect(await problems(['plugins', 'ls|clean|restore'])).toEqual([]);
    expect(
      await problems([
        'build',
        '[images...]',
        '-f,',
        '--file',
        '<path>',
        '--progress',
        'auto|tty|plain|quiet',
      ]),
    ).toEqual([]);
  });

  it('names the commands a line documents', async () => {
    expect(await checkReference(parseReference(['plugins', 'ls|clean', '[--json]']))).toEqual({
      commands: ['plugins ls', 'plugins clean'],
      problems: [],
    });
    expect(
      (await checkReference(parseReference(['builder', 'inspect', 'NAME', '[--json]']))).commands,
    ).toEqual(['builder inspect']);
  });

  it('names unknown commands and options, wrong arity and refused values', async () => {
    expect(await problems(['cache', 'ls|du', '[--json]'])).toEqual(["unknown command 'cache ls'"]);
    expect(await problems(['plugins', 'ls', '[--file', '<path>]'])).toEqual([
      "imageforge plugins ls: unknown option '--file'",
    ]);
    expect(await problems(['history', 'ls', '[--limit]'])).toEqual([
      'imageforge history ls: --limit takes a value (--limit <n>) but the doc shows none',
    ]);
    expect(await problems(['plan', '[--json', '<file>]'])).toEqual([
      'imageforge plan: --json takes no value but the doc shows one (a placeholder)',
    ]);
    const refused = await problems(['history', 'trends', '[--bucket', 'day|week]']);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/imageforge history trends: --bucket week: .*expected one of hour, day/);
    const literal = await problems(['scan', '<image>', '[--fail-on', 'SEVERE]']);
    expect(literal).toEqual([]); // --fail-on is judged by the command, not the parser: nothing to say here
  });
});
