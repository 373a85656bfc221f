// Shared CLI option parsing: config-file flags every command takes, and value parsers that turn bad
// flag values into usage errors (exit 2) instead of surprises.
import type { Command } from 'commander';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { loadConfig, parseDuration } from '../config/index.js';
import type { ResolvedConfig } from '../config/types.js';

export interface ConfigFlags {
  file?: string;
  profile?: string;
  set?: string[];
}

export function addConfigFlags(command: Command): Command {
  return command
    .option('-f, --file <path>', 'config file', 'imageforge.yaml')
    .option('--profile <name>', 'apply a profile from the config')
    .option('--set <path=value>', 'override a config value (repeatable)', collect, []);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function loadFromFlags(flags: ConfigFlags): Promise<ResolvedConfig> {
  return loadConfig({ file: flags.file, profile: flags.profile, set: flags.set ?? [] });
}

export function usageError(message: string, hint?: string): ImageforgeError {
  return new ImageforgeError(message, { code: ErrorCode.Usage, category: 'usage', hint });
}

export function parsePositiveInt(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1)
      throw usageError(`${flag}: expected a positive integer, got "${value}"`);
    return parsed;
  };
}

export function parseNumberFlag(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw usageError(`${flag}: expected a positive number, got "${value}"`);
    return parsed;
  };
}

export function parseDurationFlag(flag: string): (value: string) => number {
  return (value) => {
    try {
      return parseDuration(value);
    } catch {
      throw usageError(`${flag}: expected a duration like 30s, 10m or 1h, got "${value}"`);
    }
  };
}

export function parseChoice<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw usageError(`${flag}: expected one of ${choices.join(', ')}, got "${value}"`);
  };
}
