// Inspects the buildx builder a run will use: its driver decides how images reach each other (local
// store vs registry) and whether BuildKit is really there.
import { z } from 'zod';
import { exec, isSuccess, tail } from '../exec/exec.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { parseJsonLines } from '../shared/json-lines.js';

export interface BuilderNode {
  name: string;
  endpoint: string;
  status: string;
  buildkitVersion?: string | undefined;
  platforms: string[];
}

export interface BuilderInfo {
  name: string;
  driver: string;
  current: boolean;
  nodes: BuilderNode[];
}

const lsNodeSchema = z.object({
  Name: z.string().default(''),
  Endpoint: z.string().default(''),
  Status: z.string().default(''),
  Version: z.string().optional(),
  Platforms: z.array(z.string()).nullable().default([]),
});

const lsBuilderSchema = z.object({
  Name: z.string(),
  Driver: z.string().default(''),
  Current: z.boolean().default(false),
  Nodes: z.array(lsNodeSchema).nullable().default([]),
});

/** Parses `docker buildx ls --format json` (one JSON object per line). */
export function parseBuilderList(stdout: string): BuilderInfo[] {
  return parseJsonLines(stdout, lsBuilderSchema).map((builder) => ({
    name: builder.Name,
    driver: builder.Driver,
    current: builder.Current,
    nodes: (builder.Nodes ?? []).map((node) => ({
      name: node.Name,
      endpoint: node.Endpoint,
      status: node.Status,
      buildkitVersion: node.Version,
      platforms: node.Platforms ?? [],
    })),
  }));
}

/** Parses the text of `docker buildx inspect [name]` (older buildx without `ls --format json`). */
export function parseBuilderInspect(stdout: string): BuilderInfo | undefined {
  const field = (label: string): string | undefined =>
    new RegExp(`^${label}:\\s*(.*)$`, 'm').exec(stdout)?.[1]?.trim();
  const name = field('Name');
  const driver = field('Driver');
  if (!name || !driver) return undefined;
  const platforms = field('Platforms');
  return {
    name,
    driver,
    current: true,
    nodes: [
      {
        name: name,
        endpoint: field('Endpoint') ?? '',
        status: field('Status') ?? '',
        buildkitVersion: field('BuildKit version') ?? field('Buildkit'),
        platforms: platforms ? platforms.split(',').map((p) => p.trim().replace(/\*$/, '')) : [],
      },
    ],
  };
}

export async function inspectBuilder(
  name: string | undefined,
  env?: Record<string, string | undefined>,
): Promise<BuilderInfo> {
  const args = ['buildx', 'inspect', ...(name ? [name] : [])];
  const result = await exec('docker', args, { timeoutMs: 30_000, env });
  const info = isSuccess(result) ? parseBuilderInspect(result.stdout) : undefined;
  if (!info) {
    throw new ImageforgeError(`buildx builder ${name ? `"${name}" ` : ''}is not available`, {
      code: ErrorCode.BuilderMissing,
      category: 'environment',
      hint: name
        ? `create it (docker buildx create --name ${name}) or drop settings.builder to use the current builder`
        : 'check `docker buildx ls`',
      details: { stderr: tail(result.stderr, 5) },
    });
  }
  return info;
}
