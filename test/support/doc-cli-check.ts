// Holds documented command lines against the real CLI program (createProgram of src/cli/main.ts)
// without running anything: every command's action is replaced by a recorder, so subcommands,
// options and their value parsers (--progress, --timeout, --only, ...) judge a line exactly as a
// user's run would. Reference lines (`[--json]`, `<name>`, `day|hour`) are checked flag by flag.
import { CommanderError, type Command, type Option } from 'commander';
import { createProgram } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { ReferenceFlag, ReferenceSpec } from './doc-commands.js';

export interface ParsedLine {
  /** The command the parser dispatched to (`config validate`), or `--help` / `--version`. */
  command?: string;
  /** The parser's complaint when it rejected the line. */
  error?: string;
}

interface QuietProgram {
  program: Command;
  /** The path of the command whose action ran, once parsing dispatched. */
  invoked(): string | undefined;
  output(): string;
}

/** The real program, silenced, with recorders instead of actions and no process.exit anywhere. */
export function createQuietProgram(): QuietProgram {
  let output = '';
  let invoked: string | undefined;
  const sink = { write: (text: string) => ((output += text), true) } as unknown as CliIo['stdout'];
  const program = createProgram({ stdout: sink, stderr: sink, env: {}, setExitCode: () => undefined });
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => (output += text), writeErr: (text) => (output += text) });
    // only leaves act: an action on a parent would swallow unknown subcommands as arguments
    if (command.commands.length === 0) command.action(() => void (invoked = commandPath(command).join(' ')));
  }
  return { program, invoked: () => invoked, output: () => output };
}

/** Parses `argv` (the words after `imageforge`) with the real program; runs nothing. */
export async function parseCommandLine(argv: string[]): Promise<ParsedLine> {
  const quiet = createQuietProgram();
  try {
    await quiet.program.parseAsync(argv, { from: 'user' });
  } catch (error: unknown) {
    if (error instanceof CommanderError && error.exitCode === 0) {
      return { command: error.code === 'commander.version' ? '--version' : '--help' };
    }
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const command = quiet.invoked();
  return command === undefined ? { error: `no command ran: ${quiet.output().trim()}` } : { command };
}

/** Every command of the program, depth first, the program itself first. */
export function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap((child) => allCommands(child))];
}

/** `['cache', 'prune']` for `imageforge cache prune`; `[]` for the program. */
export function commandPath(command: Command): string[] {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) {
    names.unshift(current.name());
  }
  return names;
}

export interface ReferenceCheck {
  /** The commands the line documents, e.g. `['plugins ls', 'plugins clean']` for `plugins ls|clean`. */
  commands: string[];
  /** Unknown commands, unknown flags, wrong arity, values the parser refuses. */
  problems: string[];
}

/** Holds a reference line's command words and flags against the program. */
export async function checkReference(spec: ReferenceSpec): Promise<ReferenceCheck> {
  const { program } = createQuietProgram();
  const problems: string[] = [];
  let commands = [program];
  for (const alternatives of spec.leading) {
    if (commands.every((command) => command.commands.length === 0)) break; // positional arguments
    const next: Command[] = [];
    for (const parent of commands) {
      for (const name of alternatives) {
        const child = parent.commands.find((candidate) => candidate.name() === name);
        if (child) next.push(child);
        else problems.push(`unknown command '${[...commandPath(parent), name].join(' ')}'`);
      }
    }
    if (next.length === 0) return { commands: [], problems };
    commands = next;
  }
  for (const command of commands) {
    for (const flag of spec.flags) problems.push(...(await checkFlag(command, flag)));
  }
  return { commands: commands.map((command) => commandPath(command).join(' ')), problems };
}

async function checkFlag(command: Command, flag: ReferenceFlag): Promise<string[]> {
  const where = `imageforge ${commandPath(command).join(' ')}`.trim();
  if (flag.flag === '-h' || flag.flag === '--help') return [];
  const option = command.options.find(
    (candidate) => candidate.long === flag.flag || candidate.short === flag.flag,
  );
  if (!option) return [`${where}: unknown option '${flag.flag}'`];
  const takesValue = option.required || option.optional;
  if (flag.value === 'none' && option.required) {
    return [`${where}: ${flag.flag} takes a value (${option.flags}) but the doc shows none`];
  }
  if (flag.value !== 'none' && !takesValue) {
    return [
      `${where}: ${flag.flag} takes no value but the doc shows one (${flag.values.join('|') || 'a placeholder'})`,
    ];
  }
  const values = flag.value === 'literal' && isValueName(option, flag.values[0]) ? [] : flag.values;
  const problems: string[] = [];
  for (const value of values) {
    const argv = [...commandPath(command), ...requiredArguments(command), flag.flag, value];
    const parsed = await parseCommandLine(argv);
    if (parsed.error) problems.push(`${where}: ${flag.flag} ${value}: ${parsed.error}`);
  }
  return problems;
}

/** `--only ids` shows the option's own value name (`--only <ids>`): a placeholder, not a value. */
function isValueName(option: Option, value: string | undefined): boolean {
  return value !== undefined && new RegExp(`[<[]${value.replace(/[^\w-]/g, '')}[\\]>]`).test(option.flags);
}

/** Stand-ins for the command's required positional arguments, so a value can be parsed alone. */
function requiredArguments(command: Command): string[] {
  return command.registeredArguments.filter((argument) => argument.required).map(() => 'placeholder');
}
