// Gates outside a build: `imageforge scan IMAGE`, `imageforge scan --report FILE` and
// `imageforge test IMAGE` on any local image or report, with the same policy code as the pipeline.
import path from 'node:path';
import type { ImageScanConfig, ScanSettings } from '../config/types.js';
import type { RunEventListener } from '../run/events.js';
import type { ImageGates, TestGate } from './gate-report.js';
import type { ImageTestSpec } from './functional/test-spec-schema.js';
import { evaluateScanPolicy } from './policy/evaluate-scan-policy.js';
import type { PolicyDecision, ScanPolicy } from './policy/scan-policy.js';
import { runImageGates } from './run-image-gates.js';
import type { ScanFindings } from './scan/findings.js';
import { readTrivyReportFile } from './scan/trivy/parse-trivy-report.js';

export interface EvaluateReportResult {
  scan: ScanFindings;
  decision: PolicyDecision;
}

/** Applies a policy to a Trivy JSON report made elsewhere; an unreadable report throws (exit 2). */
export async function evaluateReportFile(
  file: string,
  policy: ScanPolicy,
  now = new Date(),
): Promise<EvaluateReportResult> {
  const scan = await readTrivyReportFile(file);
  return { scan, decision: evaluateScanPolicy(scan.findings, policy, now) };
}

export interface ScanLocalImageInput {
  reference: string;
  scan: ImageScanConfig;
  settings: ScanSettings;
  /** Raw scanner reports and SBOMs are written here. */
  outDir: string;
  dockerHost: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
}

export async function scanLocalImage(input: ScanLocalImageInput): Promise<ImageGates> {
  const { createTrivyScanner } = await import('./scan/trivy/trivy-scanner.js');
  const scanner = createTrivyScanner({ ...input.settings.trivy });
  return runImageGates({
    name: input.reference,
    reference: input.reference,
    test: undefined,
    scan: input.scan,
    scanSettings: input.settings,
    runTests: () => Promise.reject(new Error('no tests in a scan')),
    scanner: () => Promise.resolve(scanner),
    outDir: path.resolve(input.outDir),
    reportDir: path.resolve(input.outDir),
    env: { ...input.env, DOCKER_HOST: input.dockerHost },
    signal: input.signal ?? new AbortController().signal,
    now: new Date(),
    onEvent: input.onEvent ?? (() => undefined),
  });
}

export interface TestLocalImageInput {
  reference: string;
  spec: ImageTestSpec;
  dockerHost: string;
  runId?: string;
  signal?: AbortSignal;
}

export async function testLocalImage(input: TestLocalImageInput): Promise<TestGate> {
  const [{ createContainerClient }, { runImageTests }] = await Promise.all([
    import('../docker/container-client.js'),
    import('./functional/run-image-tests.js'),
  ]);
  const client = await createContainerClient(input.dockerHost);
  return runImageTests({
    image: input.reference,
    spec: input.spec,
    client,
    runId: input.runId ?? `test-${Date.now().toString(36)}`,
    ...(input.signal ? { signal: input.signal } : {}),
  });
}
