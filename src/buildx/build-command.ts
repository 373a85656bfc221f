// Builds the exact `docker buildx build` argv for one image. Pure: the plan prints it, tests assert
// it, and the runner executes it. Secrets are passed by reference (env var name or file path), never
// by value, so the command line can be shown and logged safely.
import type { ImageConfig } from '../config/types.js';

export type BuildOutput = 'load' | 'push' | 'none';

export interface NamedContext {
  /** The name the Dockerfile uses (a FROM reference or stage name). */
  name: string;
  /** e.g. `docker-image://localhost:5000/jenkins/base:dev@sha256:...` */
  value: string;
}

export interface BuildCommandInput {
  image: ImageConfig;
  builder?: string;
  metadataFile?: string;
  output: BuildOutput;
  contexts?: NamedContext[];
  progress?: 'rawjson' | 'plain' | 'quiet';
  /** Extra flags from later features (cache-from/to, attestations...). */
  extraArgs?: string[];
}

export interface Command {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export function getBuildCommand(input: BuildCommandInput): Command {
  const { image } = input;
  const args = ['buildx', 'build', `--progress=${input.progress ?? 'rawjson'}`];
  if (input.builder) args.push('--builder', input.builder);
  if (input.metadataFile) args.push('--metadata-file', input.metadataFile);
  args.push('--file', image.dockerfile);
  if (image.target) args.push('--target', image.target);
  for (const [key, value] of sortedEntries(image.args)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of sortedEntries(image.labels)) args.push('--label', `${key}=${value}`);
  for (const tag of image.tags) args.push('--tag', tag);
  if (image.platforms.length > 0) args.push('--platform', image.platforms.join(','));
  for (const [id, source] of sortedEntries(image.secrets)) {
    args.push(
      '--secret',
      source.env !== undefined ? `id=${id},env=${source.env}` : `id=${id},src=${source.file}`,
    );
  }
  for (const context of input.contexts ?? [])
    args.push('--build-context', `${context.name}=${context.value}`);
  if (image.network && image.network !== 'default') args.push(`--network=${image.network}`);
  if (image.network === 'host') args.push('--allow', 'network.host');
  if (image.pull) args.push('--pull');
  if (image.noCache) args.push('--no-cache');
  if (input.output === 'load') args.push('--load');
  if (input.output === 'push') args.push('--push');
  args.push(...(input.extraArgs ?? []));
  args.push(image.context);
  return { command: 'docker', args };
}

function sortedEntries<T>(record: Record<string, T>): Array<[string, T]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** Shell-quotes an argv for display (plan output, logs). */
export function formatCommand(command: Command): string {
  const env = Object.entries(command.env ?? {}).map(([key, value]) => `${key}=${quote(value)}`);
  return [...env, command.command, ...command.args.map(quote)].join(' ');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
