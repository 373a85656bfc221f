// Real temporary projects for policy tests: an imageforge.yaml (written as JSON, which is YAML) that
// passes the production policy unless a test changes it, plus real Dockerfiles on disk.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { resolvePlan, type BuildPlan } from '../../../src/plan/plan.js';
import { resolvePolicyContext } from '../../../src/policy/policy-context.js';
import type { PolicyContext } from '../../../src/policy/policy-types.js';

export const DIGEST = `sha256:${'ab'.repeat(32)}`;
export const PINNED_BASE = `localhost:5000/base/busybox@${DIGEST}`;

/** A config the production policy accepts: managed builder with limits, version tags, labels. */
export const PRODUCTION_CONFIG = {
  version: 1,
  settings: { builder: 'prod', policy: 'production' },
  builders: { prod: { driver: 'managed', resources: { memory: '2g', cpus: 2 } } },
  defaults: {
    labels: {
      'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
      'org.opencontainers.image.source': 'https://git.example.com/team/app.git',
    },
  },
  images: { app: { tags: ['localhost:5000/team/app:1.0'] } },
};

type Json = Record<string, unknown>;

/** Deep merge; a `null` in the patch deletes the key. */
export function withConfig(patch: Json, base: Json = PRODUCTION_CONFIG): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    if (value === null) delete merged[key];
    else if (isObject(value) && isObject(current)) merged[key] = withConfig(value, current);
    else merged[key] = value;
  }
  return merged;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface PolicyProject {
  dir: string;
  plan: BuildPlan;
  context: PolicyContext;
}

/**
 * Writes the project and resolves config, plan and policy context. `files` maps paths to contents;
 * a missing `Dockerfile` gets a pinned base and one RUN.
 */
export async function policyProject(
  config: Json = PRODUCTION_CONFIG,
  files: Record<string, string> = {},
): Promise<PolicyProject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imageforge-policy-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const all = { Dockerfile: `FROM ${PINNED_BASE}\nRUN true\n`, ...files };
  await writeFile(path.join(dir, 'imageforge.yaml'), JSON.stringify(config, null, 2) + '\n');
  for (const [file, content] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  const resolved = await loadConfig({ cwd: dir, env: {}, now: new Date('2025-01-02T03:04:05Z') });
  const plan = await resolvePlan(resolved);
  return { dir, plan, context: await resolvePolicyContext(plan) };
}

/** Messages of findings, for compact assertions. */
export function messages(findings: Array<{ message: string }>): string[] {
  return findings.map((finding) => finding.message);
}
