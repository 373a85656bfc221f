// Scan policy over real Trivy reports: thresholds, unfixed, scoped and expiring ignores, and the text a user reads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDecision } from '../../../src/gates/policy/decision-text.js';
import { evaluateScanPolicy } from '../../../src/gates/policy/evaluate-scan-policy.js';
import { ignoreRuleSchema } from '../../../src/gates/policy/ignore-rules.js';
import type { IgnoreRule, ScanPolicy } from '../../../src/gates/policy/scan-policy.js';
import { findingKey, type Finding } from '../../../src/gates/scan/findings.js';
import { parseTrivyReport } from '../../../src/gates/scan/trivy/parse-trivy-report.js';

const NOW = new Date('2026-01-15T12:00:00Z');

function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/trivy/${name}.json`, import.meta.url), 'utf8'));
}

function findingsOf(name: string): Finding[] {
  return parseTrivyReport(fixtureJson(name), `${name}.json`).findings;
}

/** Independent of the parser: `[.Results[] | (.Vulnerabilities, .Secrets)[] | .Severity] | group_by(.)`. */
function rawCounts(name: string): Record<string, number> {
  const results = (fixtureJson(name) as { Results?: Array<Record<string, Array<{ Severity: string }>>> })
    .Results;
  const counts: Record<string, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
  for (const result of results ?? []) {
    for (const entry of [...(result.Vulnerabilities ?? []), ...(result.Secrets ?? [])]) {
      counts[entry.Severity] = (counts[entry.Severity] ?? 0) + 1;
    }
  }
  return counts;
}

function policy(overrides: Partial<ScanPolicy> = {}): ScanPolicy {
  return { failOn: 'HIGH', ignoreUnfixed: false, ignores: [], ...overrides };
}

function ids(findings: Finding[]): string[] {
  return findings.map(findingKey);
}

/** Counts read from the files (see test/fixtures/trivy/README.md), then blocking count per failOn. */
const REPORTS = [
  // name, [CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN], blocking at failOn CRITICAL, HIGH, MEDIUM, LOW, NONE
  ['alpine-310', [0, 0, 4, 0, 0], [0, 0, 4, 4, 0]],
  ['centos-7', [0, 0, 1, 2, 0], [0, 0, 1, 3, 0]],
  ['debian-buster', [1, 0, 0, 1, 0], [1, 1, 1, 2, 0]],
  ['debian-buster-ignore-unfixed', [1, 0, 0, 0, 0], [1, 1, 1, 1, 0]],
  ['fluentd-multiple-lockfiles', [1, 1, 0, 1, 0], [1, 2, 2, 3, 0]],
  ['npm-with-suppressed', [0, 1, 0, 0, 0], [0, 1, 1, 1, 0]],
  ['secrets', [1, 1, 0, 0, 0], [1, 2, 2, 2, 0]],
  ['ubuntu-1804', [0, 0, 4, 1, 0], [0, 0, 4, 5, 0]],
] as const;
const THRESHOLDS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;

describe('thresholds over real reports', () => {
  const cases = REPORTS.flatMap(([name, counts, blocking]) =>
    THRESHOLDS.map((failOn, index) => ({ name, counts, failOn, blocking: blocking[index]! })),
  );

  it.each(cases)('$name failOn $failOn: $blocking blocking', ({ name, counts, failOn, blocking }) => {
    const decision = evaluateScanPolicy(findingsOf(name), policy({ failOn }), NOW);
    const [CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN] = counts;
    expect(decision.counts).toEqual({ CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN });
    expect(decision.counts).toEqual(rawCounts(name));
    expect(decision.blocking).toHaveLength(blocking);
    expect(decision.passed).toBe(blocking === 0);
    expect(decision.summary.startsWith(blocking === 0 ? 'passed: ' : 'failed: ')).toBe(true);
  });

  it('sorts blocking findings most severe first, then by id', () => {
    const decision = evaluateScanPolicy(
      findingsOf('fluentd-multiple-lockfiles'),
      policy({ failOn: 'LOW' }),
      NOW,
    );
    expect(decision.blocking.map((finding) => `${finding.severity} ${finding.id}`)).toEqual([
      'CRITICAL CVE-2019-18224',
      'HIGH CVE-2020-8165',
      'LOW CVE-2019-18276',
    ]);
  });

  it('says in one line what decided', () => {
    const summary = (name: string, overrides: Partial<ScanPolicy>): string =>
      evaluateScanPolicy(findingsOf(name), policy(overrides), NOW).summary;
    expect(summary('centos-7', { failOn: 'CRITICAL' })).toBe(
      'passed: no findings at or above CRITICAL (3 below the threshold)',
    );
    expect(summary('debian-buster', { failOn: 'HIGH' })).toBe(
      'failed: 1 blocking at or above HIGH (1 CRITICAL)',
    );
    expect(summary('secrets', { failOn: 'HIGH' })).toBe(
      'failed: 2 blocking at or above HIGH (1 CRITICAL, 1 HIGH)',
    );
    expect(summary('debian-buster', { failOn: 'NONE' })).toBe(
      'passed: 2 findings (1 CRITICAL, 1 LOW), not gated (failOn NONE)',
    );
    expect(
      summary('fluentd-multiple-lockfiles', {
        failOn: 'LOW',
        ignoreUnfixed: true,
        ignores: [{ id: 'CVE-2020-8165', reason: 'not reachable' }],
      }),
    ).toBe('failed: 1 blocking at or above LOW (1 CRITICAL); 1 ignored, 1 unfixed not counted');
    expect(
      summary('debian-buster', {
        failOn: 'LOW',
        ignoreUnfixed: true,
        ignores: [{ id: 'CVE-2019-18224', reason: 'r' }],
      }),
    ).toBe('passed: nothing blocking at or above LOW; 1 ignored, 1 unfixed not counted');
  });
});

describe('ignoreUnfixed', () => {
  it('stops counting the unfixed Debian finding, leaving what trivy --ignore-unfixed reports', () => {
    const decision = evaluateScanPolicy(
      findingsOf('debian-buster'),
      policy({ failOn: 'LOW', ignoreUnfixed: true }),
      NOW,
    );
    expect(ids(decision.blocking)).toEqual(ids(findingsOf('debian-buster-ignore-unfixed')));
    expect(decision.unfixed.map((finding) => finding.id)).toEqual(['CVE-2019-18276']);
    expect(decision.counts).toEqual(rawCounts('debian-buster'));
  });

  it('treats will_not_fix without a fixed version as unfixed (CentOS bash)', () => {
    const decision = evaluateScanPolicy(
      findingsOf('centos-7'),
      policy({ failOn: 'LOW', ignoreUnfixed: true }),
      NOW,
    );
    expect(
      decision.unfixed.map(
        (finding) => `${finding.id} ${finding.kind === 'vulnerability' ? finding.status : ''}`,
      ),
    ).toEqual(['CVE-2019-18276 will_not_fix']);
    expect(decision.blocking).toHaveLength(2);
  });

  it('counts unfixed findings when ignoreUnfixed is off, and never lists findings below the threshold as unfixed', () => {
    expect(evaluateScanPolicy(findingsOf('debian-buster'), policy({ failOn: 'LOW' }), NOW).unfixed).toEqual(
      [],
    );
    const decision = evaluateScanPolicy(
      findingsOf('debian-buster'),
      policy({ failOn: 'CRITICAL', ignoreUnfixed: true }),
      NOW,
    );
    expect(decision.unfixed).toEqual([]);
    expect(decision.blocking.map((finding) => finding.id)).toEqual(['CVE-2019-18224']);
  });
});

describe('scoped ignores', () => {
  const alpine = (ignores: IgnoreRule[]) =>
    evaluateScanPolicy(findingsOf('alpine-310'), policy({ failOn: 'MEDIUM', ignores }), NOW);

  it('ignores an id in one package only when the package is given', () => {
    const rule = { id: 'CVE-2019-1549', package: 'libssl1.1', reason: 'TLS not used by the app' };
    const decision = alpine([rule]);
    expect(decision.ignored.map(({ finding, rule: applied }) => [findingKey(finding), applied])).toEqual([
      [
        'CVE-2019-1549 libssl1.1@1.1.1c-r0 (testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2))',
        rule,
      ],
    ]);
    expect(decision.blocking.map((finding) => finding.id)).toEqual([
      'CVE-2019-1549',
      'CVE-2019-1551',
      'CVE-2019-1551',
    ]);
    expect(decision.blocking).toHaveLength(3);
    expect(decision.passed).toBe(false);
  });

  it('does not ignore the id in a different package', () => {
    const decision = alpine([{ id: 'CVE-2019-1549', package: 'openssl', reason: 'r' }]);
    expect(decision.ignored).toEqual([]);
    expect(decision.blocking).toHaveLength(4);
  });

  it('matches the id in any case, in every package when no scope is given', () => {
    const decision = alpine([
      { id: 'cve-2019-1549', reason: 'r' },
      { id: 'CVE-2019-1551', reason: 'r' },
    ]);
    expect(decision.ignored).toHaveLength(4);
    expect(decision.passed).toBe(true);
    expect(decision.summary).toBe('passed: nothing blocking at or above MEDIUM; 4 ignored not counted');
  });

  it('matches a purl prefix', () => {
    const decision = alpine([
      { id: 'CVE-2019-1549', purl: 'pkg:apk/alpine/libcrypto1.1@', reason: 'r' },
      { id: 'CVE-2019-1551', purl: 'pkg:apk/alpine/libssl', reason: 'r' },
    ]);
    expect(decision.ignored.map(({ finding }) => findingKey(finding))).toEqual([
      'CVE-2019-1549 libcrypto1.1@1.1.1c-r0 (testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2))',
      'CVE-2019-1551 libssl1.1@1.1.1c-r0 (testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2))',
    ]);
  });

  it('matches a path prefix of a language package, with or without a leading slash', () => {
    const fluentd = (path: string) =>
      evaluateScanPolicy(
        findingsOf('fluentd-multiple-lockfiles'),
        policy({ failOn: 'HIGH', ignores: [{ id: 'CVE-2020-8165', path, reason: 'r' }] }),
        NOW,
      );
    expect(fluentd('var/lib/gems/').ignored).toHaveLength(1);
    expect(fluentd('/var/lib/gems/2.5.0').ignored).toHaveLength(1);
    expect(fluentd('usr/lib/').ignored).toHaveLength(0);
    expect(fluentd('usr/lib/').blocking.map((finding) => finding.id)).toEqual([
      'CVE-2019-18224',
      'CVE-2020-8165',
    ]);
  });

  it('ignores a secret by rule id and path; the other secret still blocks', () => {
    const decide = (path: string) =>
      evaluateScanPolicy(
        findingsOf('secrets'),
        policy({
          failOn: 'HIGH',
          ignores: [{ id: 'aws-access-key-id', path, reason: 'example key from AWS docs' }],
        }),
        NOW,
      );
    const matching = decide('deploy.sh');
    expect(matching.ignored.map(({ finding }) => finding.id)).toEqual(['aws-access-key-id']);
    expect(matching.blocking.map((finding) => finding.id)).toEqual(['mysecret']);
    expect(decide('scripts/').blocking.map((finding) => finding.id)).toEqual([
      'aws-access-key-id',
      'mysecret',
    ]);
  });

  it('never matches a secret by package or purl', () => {
    const decision = evaluateScanPolicy(
      findingsOf('secrets'),
      policy({ ignores: [{ id: 'mysecret', package: 'deploy.sh', reason: 'r' }] }),
      NOW,
    );
    expect(decision.ignored).toEqual([]);
  });
});

describe('expiring ignores', () => {
  const rule: IgnoreRule = {
    id: 'CVE-2019-18224',
    package: 'libidn2-0',
    reason: 'no IDN input',
    expires: '2026-01-31',
    source: 'imageforge.yaml:42 (images.app.scan.ignore[0])',
  };
  const decide = (now: string, ignores: IgnoreRule[] = [rule]) =>
    evaluateScanPolicy(findingsOf('debian-buster'), policy({ failOn: 'CRITICAL', ignores }), new Date(now));

  it('applies through the end of the expiry day (UTC)', () => {
    const decision = decide('2026-01-31T23:59:59.999Z');
    expect(decision.passed).toBe(true);
    expect(decision.ignored.map(({ rule: applied }) => applied)).toEqual([rule]);
    expect(decision.expiredIgnores).toEqual([]);
  });

  it('stops applying after that day: the finding blocks again and the rule says why', () => {
    const decision = decide('2026-02-01T00:00:00Z');
    expect(decision.passed).toBe(false);
    expect(decision.blocking.map((finding) => finding.id)).toEqual(['CVE-2019-18224']);
    expect(decision.ignored).toEqual([]);
    expect(decision.expiredIgnores).toEqual([
      {
        rule,
        message:
          'imageforge.yaml:42 (images.app.scan.ignore[0]): ignore CVE-2019-18224 (libidn2-0) expired on 2026-01-31 ' +
          'and no longer applies — renew it with a new reason or fix the finding',
      },
    ]);
    expect(decision.summary).toBe(
      'failed: 1 blocking at or above CRITICAL (1 CRITICAL); 1 expired ignore no longer applies',
    );
  });

  it('lists expired rules that match nothing, and lets a live rule win over an expired one', () => {
    const stale = { id: 'CVE-2000-0001', reason: 'old', expires: '2025-12-31' };
    const live = { id: 'CVE-2019-18224', reason: 'accepted' };
    const decision = decide('2026-02-01T00:00:00Z', [rule, stale, live]);
    expect(decision.passed).toBe(true);
    expect(decision.ignored.map(({ rule: applied }) => applied)).toEqual([live]);
    expect(decision.expiredIgnores.map(({ message }) => message)).toEqual([
      expect.stringContaining('ignore CVE-2019-18224 (libidn2-0) expired on 2026-01-31'),
      'ignore CVE-2000-0001 expired on 2025-12-31 and no longer applies — renew it with a new reason or fix the finding',
    ]);
  });
});

describe('ignoreRuleSchema', () => {
  const issues = (input: unknown): string[] => {
    const result = ignoreRuleSchema.safeParse(input);
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts a scoped, dated rule', () => {
    const rule = { id: 'CVE-2019-1549', package: 'openssl', reason: 'not reachable', expires: '2026-02-28' };
    expect(ignoreRuleSchema.parse(rule)).toEqual(rule);
  });

  it('requires a non-empty reason', () => {
    expect(issues({ id: 'CVE-1' })).toEqual(['reason: every ignore needs a reason']);
    expect(issues({ id: 'CVE-1', reason: '  ' })).toEqual(['reason: every ignore needs a reason']);
  });

  it('requires expires to be a real YYYY-MM-DD date', () => {
    expect(issues({ id: 'CVE-1', reason: 'r', expires: '2026-02-30' })).toEqual([
      'expires: 2026-02-30 is not a real date',
    ]);
    expect(issues({ id: 'CVE-1', reason: 'r', expires: '31.01.2026' })).toEqual([
      'expires: expected a date as YYYY-MM-DD, e.g. 2026-01-31',
    ]);
    expect(issues({ id: 'CVE-1', reason: 'r', expires: '2028-02-29' })).toEqual([]);
  });

  it('rejects unknown keys and an empty id', () => {
    expect(issues({ id: '', reason: 'r', pkg: 'openssl' })).toHaveLength(2);
  });
});

describe('formatDecision', () => {
  it('prints the summary, then blocking, ignored and unfixed findings, then expired-ignore warnings', () => {
    const decision = evaluateScanPolicy(
      findingsOf('fluentd-multiple-lockfiles'),
      policy({
        failOn: 'LOW',
        ignoreUnfixed: true,
        ignores: [
          { id: 'CVE-2020-8165', reason: 'cache store not used', expires: '2026-06-30' },
          { id: 'CVE-2000-0001', reason: 'old', expires: '2025-12-31' },
        ],
      }),
      NOW,
    );
    expect(formatDecision(decision, {})).toEqual([
      'failed: 1 blocking at or above LOW (1 CRITICAL); 1 ignored, 1 unfixed not counted; 1 expired ignore no longer applies',
      '  CRITICAL CVE-2019-18224 libidn2-0 2.0.5-1 → fixed in 2.0.5-1+deb10u1 (debian 10.2)',
      '  HIGH     CVE-2020-8165 activesupport 6.0.2.1 → fixed in 6.0.3.1, 5.2.4.3 ' +
        '(var/lib/gems/2.5.0/specifications/activesupport-6.0.2.1.gemspec) — ignored: cache store not used (until 2026-06-30)',
      '  LOW      CVE-2019-18276 bash 5.0-4, no fix available (debian 10.2) — not counted (ignoreUnfixed)',
      'warning: ignore CVE-2000-0001 expired on 2025-12-31 and no longer applies — renew it with a new reason or fix the finding',
    ]);
  });

  it('prints secrets with file and line, never the match', () => {
    const decision = evaluateScanPolicy(findingsOf('secrets'), policy(), NOW);
    const lines = formatDecision(decision, {});
    expect(lines.slice(1)).toEqual([
      '  CRITICAL aws-access-key-id in deploy.sh:3 (AWS Access Key ID)',
      '  HIGH     mysecret in deploy.sh:7 (My Secret)',
    ]);
    expect(lines.join('\n')).not.toContain('echo');
  });

  it('truncates to max findings', () => {
    const decision = evaluateScanPolicy(findingsOf('ubuntu-1804'), policy({ failOn: 'LOW' }), NOW);
    const lines = formatDecision(decision, { max: 2 });
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('  … and 3 more');
    expect(formatDecision(decision, {})).toHaveLength(6);
  });

  it('colours only when asked', () => {
    const decision = evaluateScanPolicy(findingsOf('debian-buster'), policy(), NOW);
    expect(formatDecision(decision, { color: false }).join('')).not.toContain('\u001b[');
    expect(formatDecision(decision, { color: true }).join('')).toContain('\u001b[');
  });
});
