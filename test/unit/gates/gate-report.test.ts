// How gate results reach a reader: JUnit cases per check / scan gate / signature, the summary table's
// GATES column and failure lines, and scan gates built from scanner outcomes (findings vs errors).
import { describe, expect, it } from 'vitest';
import { gateSuites } from '../../../src/gates/gate-junit.js';
import type { ImageGates } from '../../../src/gates/gate-report.js';
import { gateStatus } from '../../../src/gates/run-image-gates.js';
import { scanGateResult } from '../../../src/gates/scan/scan-gate-result.js';
import type { Finding } from '../../../src/gates/scan/findings.js';
import { toJunitXml } from '../../../src/report/junit.js';
import { reportSchema } from '../../../src/report/report-types.js';
import { renderSummaryTable } from '../../../src/report/summary-table.js';
import { sampleImage, sampleReport } from '../report/sample-report.js';

const critical: Finding = {
  kind: 'vulnerability',
  id: 'CVE-2019-1549',
  severity: 'CRITICAL',
  packageName: 'openssl',
  installedVersion: '1.1.1c',
  fixedVersion: '1.1.1d',
  target: 'img (debian 10.1)',
};
const NOW = new Date('2026-11-21T00:00:00Z');
const scanner = { name: 'trivy', version: '0.50.1' };

function vulnerabilityGate(findings: Finding[]) {
  return scanGateResult({
    kind: 'vulnerabilities',
    outcome: {
      ok: true,
      durationMs: 1200,
      result: { scanner, artifact: 'img', os: undefined, findings, suppressedByScanner: 0 },
    },
    policy: { failOn: 'CRITICAL', ignoreUnfixed: false, ignores: [] },
    scanner,
    blockOnError: false,
    rawReport: 'gates/app/trivy-vulnerabilities.json',
    now: NOW,
  });
}

function failedGates(): ImageGates {
  return {
    status: 'failed',
    test: {
      status: 'failed',
      durationMs: 900,
      image: 'app:1',
      checks: [
        { kind: 'file', name: '/etc/app.conf', status: 'passed', durationMs: 10 },
        {
          kind: 'http',
          name: 'GET /login',
          status: 'failed',
          durationMs: 800,
          message: 'GET /login on port 8080: expected status 200, got 404 after 4 attempts (3.1s)',
          logs: ['httpd: started'],
        },
      ],
    },
    scans: [vulnerabilityGate([critical])],
  };
}

describe('scan gates from scanner outcomes', () => {
  it('a finding at the threshold fails the gate and is listed as blocking', () => {
    const gate = vulnerabilityGate([critical]);
    expect(gate).toMatchObject({ status: 'failed', counts: { CRITICAL: 1, HIGH: 0 }, blocking: [critical] });
    expect(gate.summary).toMatch(/^failed: 1 blocking at or above CRITICAL/);
  });

  it('a scanner failure is an error, never "no findings"; whether it blocks is the setting', () => {
    const failure = {
      ok: false as const,
      code: 'IMAGEFORGE_SCANNER_NO_DATABASE',
      reason: 'no-database' as const,
      message: 'no vulnerability database',
      hint: 'mirror it',
      stderrTail: [],
      durationMs: 5,
    };
    const input = {
      kind: 'vulnerabilities' as const,
      outcome: failure,
      policy: { failOn: 'CRITICAL' as const, ignoreUnfixed: false, ignores: [] },
      scanner,
      rawReport: undefined,
      now: NOW,
    };
    const warned = scanGateResult({ ...input, blockOnError: false });
    expect(warned).toMatchObject({
      status: 'error',
      findings: [],
      blocksOnError: false,
      error: { reason: 'no-database' },
    });
    expect(gateStatus({ status: 'passed', scans: [warned] })).toBe('passed');
    const blocked = scanGateResult({ ...input, blockOnError: true });
    expect(gateStatus({ status: 'passed', scans: [blocked] })).toBe('failed');
  });
});

describe('gate results in report.json, JUnit and the summary table', () => {
  const report = sampleReport({
    images: [sampleImage('app', { gates: failedGates() }), sampleImage('other')],
  });

  it('validate against the report schema', () => {
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('JUnit: one case per functional check and per scan gate, failures with what was expected', () => {
    const suites = gateSuites(report);
    expect(suites.map((suite) => suite.name)).toEqual(['imageforge.test', 'imageforge.scan']);
    expect(suites[0]?.cases.map((c) => c.name)).toEqual(['file: /etc/app.conf', 'http: GET /login']);
    expect(suites[0]?.cases[1]?.failure?.body).toContain('container logs:\nhttpd: started');
    expect(suites[1]?.cases[0]).toMatchObject({
      classname: 'imageforge.scan.app',
      name: 'vulnerabilities (fail on CRITICAL)',
      failure: { type: 'IMAGEFORGE_SCAN_FAILED' },
    });
    const xml = toJunitXml(report, suites);
    expect(xml).toContain('<testsuite name="imageforge.scan"');
    expect(xml).toContain('CRITICAL CVE-2019-1549 openssl@1.1.1c');
  });

  it('the summary table shows a GATES column and why the gates failed', () => {
    const table = renderSummaryTable(report, { color: false });
    expect(table).toMatch(/IMAGE\s+STATUS\s+METHOD\s+TIME\s+CACHE\s+GATES/);
    expect(table).toMatch(/app\s+built.*failed: test, vulnerabilities/);
    expect(table).toContain('test GET /login: GET /login on port 8080: expected status 200, got 404');
    expect(table).toContain('CRITICAL CVE-2019-1549 openssl 1.1.1c');
  });

  it('without gates the table keeps its columns', () => {
    expect(renderSummaryTable(sampleReport(), { color: false })).not.toContain('GATES');
  });
});
