import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash } from '../../../src/audit/config-hash.js';
import type { ResolvedConfig } from '../../../src/config/types.js';
import { policyProject, withConfig } from '../policy/policy-fixture.js';

async function resolved(patch: Record<string, unknown> = {}): Promise<ResolvedConfig> {
  return (await policyProject(withConfig(patch))).plan.config;
}

describe('configHash', () => {
  it('is the same for the same config in two checkouts', async () => {
    const [a, b] = [await resolved(), await resolved()];
    expect(a.projectDir).not.toBe(b.projectDir);
    expect(configHash(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(configHash(a)).toBe(configHash(b));
  });

  it('changes when what would be built changes', async () => {
    const base = configHash(await resolved());
    expect(configHash(await resolved({ images: { app: { args: { VERSION: '2' } } } }))).not.toBe(base);
    expect(configHash(await resolved({ builders: { prod: { resources: { cpus: 4 } } } }))).not.toBe(base);
  });

  it('ignores warnings and lets redaction hide secret values', async () => {
    const config = await resolved({ images: { app: { args: { NOTE: 'hunter2' } } } });
    expect(configHash({ ...config, warnings: ['x'] })).toBe(configHash(config));
    const redact = (text: string) => text.replaceAll('hunter2', '***');
    const other = await resolved({ images: { app: { args: { NOTE: 'hunter3' } } } });
    expect(configHash(config, { redact })).toBe(
      configHash(other, { redact: (text) => text.replaceAll('hunter3', '***') }),
    );
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, undefined], c: undefined } })).toBe(
      '{"a":{"d":[2,null]},"b":1}',
    );
  });
});
