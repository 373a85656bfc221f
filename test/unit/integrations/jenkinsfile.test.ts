// examples/integrations/Jenkinsfile cannot run here (no Jenkins): check what can be checked without
// one — its Groovy is balanced, every `imageforge` line is accepted by the real CLI parser, every
// exit code of the README is handled, --push happens only on main with credentials that Groovy never
// interpolates, and the reports are published whatever the outcome.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageforgeInvocations, parseInvocation } from './cli-command-lines.js';
import { documentedExitCodes } from './documented-exit-codes.js';
import { blocks, lexGroovy, matchingBracket } from './groovy-source.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const text = readFileSync(path.join(ROOT, 'examples/integrations/Jenkinsfile'), 'utf8');
const source = lexGroovy(text);

function stage(name: string): string {
  const found = blocks(source, 'stage').find((block) => block.name === name);
  if (!found) throw new Error(`no stage('${name}')`);
  return found.body;
}

describe('examples/integrations/Jenkinsfile', () => {
  it('is balanced Groovy with a declarative pipeline', () => {
    const open = source.code.search(/\bpipeline\s*\{/);
    expect(open).toBeGreaterThan(0);
    const pipelineOpen = source.code.indexOf('{', open);
    expect(source.code.slice(matchingBracket(source, pipelineOpen) + 1).trim()).toBe('');
    for (const section of ['agent', 'options', 'environment', 'stages', 'post']) {
      expect(source.code).toMatch(new RegExp(`\\b${section}\\s*\\{`));
    }
    expect(blocks(source, 'stage').map((block) => block.name)).toEqual([
      'Checkout',
      'Validate',
      'Build',
      'Build and publish',
    ]);
  });

  it('runs only imageforge command lines that the real CLI accepts', async () => {
    const parsed = await Promise.all(imageforgeInvocations(text).map((argv) => parseInvocation(argv)));
    expect(parsed.filter((invocation) => invocation.error !== undefined)).toEqual([]);
    expect(parsed.map((invocation) => invocation.command)).toEqual([
      '--version',
      'config validate',
      'build',
      'build',
    ]);
  });

  it('publishes junit.xml, the run folder and report.html whatever the outcome', () => {
    const always = blocks(source, 'always')[0]?.body ?? '';
    expect(always).toMatch(/junit\(testResults: '\.imageforge\/runs\/latest\/junit\.xml'/);
    expect(always).toMatch(/archiveArtifacts\(artifacts: '\.imageforge\/runs\/latest\/\*\*/);
    expect(always).toMatch(
      /publishHTML\(target: \[reportDir: '\.imageforge\/runs\/latest', reportFiles: 'report\.html'/,
    );
    // a stale report of an earlier build in the workspace is removed before imageforge runs
    expect(stage('Validate')).toMatch(/rm -f \.imageforge\/runs\/latest/);
  });

  it('handles every exit code the README documents, after every imageforge step', () => {
    const codes = documentedExitCodes();
    expect(codes).toEqual([0, 1, 2, 3, 130]);
    const handler = blocks(source, 'switch')[0]?.body ?? '';
    for (const code of codes) expect(handler).toMatch(new RegExp(`case ${code}:`));
    expect(handler).toMatch(/default:/);
    for (const name of ['Validate', 'Build', 'Build and publish']) {
      expect(stage(name)).toMatch(/int code = sh\([^)]*returnStatus: true/);
      expect(stage(name)).toMatch(/failOnImageforgeExit\(code\)/);
    }
  });

  it('pushes only on main, with credentials the shell reads and Groovy never interpolates', () => {
    expect(stage('Build')).toMatch(/when \{ not \{ branch 'main' \} \}/);
    expect(stage('Build')).not.toMatch(/--push/);
    const publish = stage('Build and publish');
    expect(publish).toMatch(/when \{ branch 'main' \}/);
    expect(publish).toMatch(/withCredentials\(\[usernamePassword\(credentialsId: 'imageforge-registry'/);
    expect(publish).toMatch(/imageforge build --push/);
    const secretUses = source.strings.filter((string) => /REGISTRY_(PASSWORD|USER)\b/.test(string.body));
    const scripts = secretUses.filter((string) => string.quote === "'''");
    expect(scripts).toHaveLength(1);
    expect(secretUses.filter((string) => string.quote.startsWith('"'))).toEqual([]);
    const script = scripts[0]?.body ?? '';
    expect(script.trim().split('\n')[0]).toBe('set +x');
    expect(script).toMatch(/--password-stdin/);
    expect(script).toMatch(/export DOCKER_CONFIG="\$\(mktemp -d\)"/);
    expect(script).toMatch(/trap 'rm -rf "\$DOCKER_CONFIG"' EXIT/);
  });
});
