// examples/integrations/github-actions/imageforge.yml: valid for GitHub (checked with GitHub's own
// workflow parser and schema, @actions/workflow-parser), every `imageforge` line accepted by the real
// CLI parser, --push only on main, and the report uploaded and annotated whatever the outcome.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { imageforgeInvocations, parseInvocation } from './cli-command-lines.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FILE = 'examples/integrations/github-actions/imageforge.yml';
const content = readFileSync(path.join(ROOT, FILE), 'utf8');

const stepSchema = z.object({
  name: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
});
const workflowSchema = z.object({
  jobs: z.record(z.string(), z.object({ steps: z.array(stepSchema) })),
});
const workflow = workflowSchema.parse(parse(content));
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

function step(name: string) {
  const found = steps.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no step named ${name}`);
  return found;
}

describe('examples/integrations/github-actions/imageforge.yml', () => {
  it("is a workflow GitHub's parser accepts without errors", () => {
    const result = parseWorkflow({ name: FILE, content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it("GitHub's parser does reject a broken copy (the check above can fail)", () => {
    const broken = content.replace('runs-on:', 'runs_on:');
    const result = parseWorkflow({ name: FILE, content: broken }, new NoOperationTraceWriter());
    expect(
      result.context.errors
        .getErrors()
        .map((error) => error.message)
        .join('\n'),
    ).toMatch(/Required property is missing: runs-on/);
  });

  it('runs only imageforge command lines that the real CLI accepts', async () => {
    const argvs = steps.flatMap((candidate) => imageforgeInvocations(candidate.run ?? ''));
    const parsed = await Promise.all(argvs.map((argv) => parseInvocation(argv)));
    expect(parsed.filter((invocation) => invocation.error !== undefined)).toEqual([]);
    expect(parsed.map((invocation) => invocation.command)).toEqual([
      '--version',
      'config validate',
      'build',
      'build',
    ]);
  });

  it('pushes only on main, logged in first', () => {
    const pushing = steps.filter((candidate) => /imageforge build .*--push/.test(candidate.run ?? ''));
    expect(pushing.map((candidate) => candidate.if)).toEqual(["github.ref == 'refs/heads/main'"]);
    expect(step('Build').if).toBe("github.ref != 'refs/heads/main'");
    const login = step('Log in to ghcr.io');
    expect(login.if).toBe("github.ref == 'refs/heads/main'");
    expect(steps.indexOf(login)).toBeLessThan(steps.indexOf(step('Build and publish')));
  });

  it('uploads the run folder and annotates junit.xml whatever the outcome', () => {
    const upload = step('Upload the report');
    expect(upload.if).toBe('always()');
    expect(upload.uses).toMatch(/^actions\/upload-artifact@v\d+$/);
    expect(String(upload.with?.path)).toContain('.imageforge/runs/latest/');
    const junit = step('JUnit annotations');
    expect(junit.if).toBe('always()');
    expect(junit.with?.report_paths).toBe('.imageforge/runs/latest/junit.xml');
    for (const candidate of steps.filter((s) => s.uses !== undefined)) {
      expect(candidate.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    }
  });
});
