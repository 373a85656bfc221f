// Verifies one built image before anything is published: functional tests, then the vulnerability
// and secret scans with their policies, then the SBOMs — every result into the report, in that order.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ImageScanConfig, ScanSettings } from '../config/types.js';
import type { GateName, RunEventListener } from '../run/events.js';
import type { ImageGates, SbomResult, ScanGate, TestGate } from './gate-report.js';
import type { ImageTestSpec } from './functional/test-spec-schema.js';
import type { ScanKind, Scanner } from './scan/scanner.js';
import { scanGateResult } from './scan/scan-gate-result.js';

export interface ImageGatesInput {
  /** Name under `images:`. */
  name: string;
  /** Local reference the gates run against (the engine at env.DOCKER_HOST holds it). */
  reference: string;
  test: ImageTestSpec | undefined;
  scan: ImageScanConfig | undefined;
  scanSettings: ScanSettings;
  /** Created on first use: tests and scanners are only loaded when an image has gates. */
  runTests: (reference: string, spec: ImageTestSpec, signal: AbortSignal) => Promise<TestGate>;
  scanner: () => Promise<Scanner>;
  /** Where raw scanner reports and SBOMs go; report paths are relative to reportDir. */
  outDir: string;
  reportDir: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  now: Date;
  onEvent: RunEventListener;
}

export function hasGates(test: ImageTestSpec | undefined, scan: ImageScanConfig | undefined): boolean {
  return test !== undefined || scan !== undefined;
}

export async function runImageGates(input: ImageGatesInput): Promise<ImageGates> {
  const gates: ImageGates = { status: 'passed' };
  if (input.test) {
    const spec = input.test;
    gates.test = await timed(
      input,
      'test',
      () => input.runTests(input.reference, spec, input.signal),
      (test) => ({
        status: test.status,
        summary: testSummary(test),
      }),
    );
  }
  if (input.scan && !input.signal.aborted) {
    await mkdir(input.outDir, { recursive: true });
    // Each trivy run is mostly its own start-up and image export: side by side they overlap.
    const [scans, sboms] = await Promise.all([runScans(input, input.scan), runSboms(input, input.scan)]);
    gates.scans = scans;
    gates.sboms = sboms;
  }
  gates.status = gateStatus(gates);
  return gates;
}

interface ScanTask {
  kind: ScanGate['kind'];
  scanner: ScanKind;
  failOn: ScanGate['failOn'];
  ignoreUnfixed: boolean;
}

function runScans(input: ImageGatesInput, scan: ImageScanConfig): Promise<ScanGate[]> {
  const tasks: ScanTask[] = [];
  if (scan.vulnerabilities) tasks.push({ kind: 'vulnerabilities', scanner: 'vuln', ...scan.vulnerabilities });
  if (scan.secrets) {
    tasks.push({ kind: 'secrets', scanner: 'secret', failOn: scan.secrets.failOn, ignoreUnfixed: false });
  }
  return Promise.all(tasks.map((task) => runScan(input, scan, task)));
}

function runScan(input: ImageGatesInput, scan: ImageScanConfig, task: ScanTask): Promise<ScanGate> {
  const rawFile = path.join(input.outDir, `trivy-${task.kind}.json`);
  return timed(
    input,
    task.kind,
    async () => {
      const scanner = await input.scanner();
      const outcome = await scanner.scanImage({
        image: input.reference,
        scanners: [task.scanner],
        rawReportFile: rawFile,
        env: input.env,
        signal: input.signal,
        timeoutMs: input.scanSettings.timeoutMs,
      });
      return scanGateResult({
        kind: task.kind,
        outcome,
        policy: { failOn: task.failOn, ignoreUnfixed: task.ignoreUnfixed, ignores: scan.ignores },
        // the version the report states (a separate `trivy version` costs a start-up)
        scanner: { name: scanner.name, version: outcome.ok ? outcome.result.scanner.version : undefined },
        blockOnError: input.scanSettings.onError === 'block',
        rawReport: outcome.ok ? path.relative(input.reportDir, rawFile) : undefined,
        now: input.now,
      });
    },
    (gate) => ({ status: gate.status, summary: gate.summary }),
  );
}

function runSboms(input: ImageGatesInput, scan: ImageScanConfig): Promise<SbomResult[]> {
  return Promise.all(scan.sbom.map((format) => runSbom(input, format)));
}

function runSbom(input: ImageGatesInput, format: ImageScanConfig['sbom'][number]): Promise<SbomResult> {
  const file = path.join(input.outDir, format === 'cyclonedx' ? 'sbom.cdx.json' : 'sbom.spdx.json');
  return timed(
    input,
    'sbom',
    async (): Promise<SbomResult> => {
      const scanner = await input.scanner();
      const outcome = await scanner.sbom({
        image: input.reference,
        format,
        outputFile: file,
        env: input.env,
        signal: input.signal,
        timeoutMs: input.scanSettings.timeoutMs,
      });
      return outcome.ok
        ? { format, file: path.relative(input.reportDir, outcome.file), components: outcome.components }
        : { format, error: outcome.message };
    },
    (sbom) => ({
      status: sbom.error === undefined ? 'passed' : 'error',
      summary: sbom.error ?? `${format}: ${sbom.components ?? 0} components`,
    }),
  );
}

/** Runs one gate between gate-started and gate-finished events. */
async function timed<T>(
  input: ImageGatesInput,
  gate: GateName,
  run: () => Promise<T>,
  describe: (result: T) => { status: 'passed' | 'failed' | 'error' | 'skipped'; summary: string },
): Promise<T> {
  input.onEvent({ type: 'gate-started', image: input.name, gate, at: Date.now() });
  const result = await run();
  input.onEvent({ type: 'gate-finished', image: input.name, gate, ...describe(result), at: Date.now() });
  return result;
}

function testSummary(test: TestGate): string {
  if (test.error !== undefined) return `could not run: ${test.error}`;
  const failed = test.checks.filter((check) => check.status === 'failed');
  if (failed.length === 0) return `${test.checks.length} checks passed`;
  return `${failed.length} of ${test.checks.length} checks failed: ${failed[0]?.message ?? failed[0]?.name ?? ''}`;
}

/** failed when a test or a scan gate failed, or a scanner error blocks; SBOM errors only warn. */
export function gateStatus(gates: ImageGates): ImageGates['status'] {
  const testFailed = gates.test !== undefined && gates.test.status !== 'passed';
  const scanFailed = (gates.scans ?? []).some(
    (scan) => scan.status === 'failed' || (scan.status === 'error' && scan.blocksOnError === true),
  );
  return testFailed || scanFailed ? 'failed' : 'passed';
}
