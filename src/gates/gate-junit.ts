// Gate results as JUnit suites next to the build suite: one testcase per functional check, one per
// scan gate and one per signature, so Jenkins' junit step shows exactly which gate blocked a release.
import type { JunitCase, JunitSuite } from '../report/junit.js';
import type { ImageResult, Report } from '../report/report-types.js';
import type { ScanGate, TestGate } from './gate-report.js';
import { findingKey } from './scan/findings.js';

export const TEST_SUITE_NAME = 'imageforge.test';
export const SCAN_SUITE_NAME = 'imageforge.scan';
export const SIGN_SUITE_NAME = 'imageforge.sign';

export function gateSuites(report: Report): JunitSuite[] {
  const suites: JunitSuite[] = [];
  const timestamp = report.startedAt;
  const tests = report.images.flatMap((image) => testCases(image.name, image.gates?.test));
  const scans = report.images.flatMap((image) =>
    (image.gates?.scans ?? []).map((scan) => scanCase(image.name, scan)),
  );
  const signatures = report.images.flatMap(signCases);
  if (tests.length > 0) suites.push({ name: TEST_SUITE_NAME, timestamp, cases: tests });
  if (scans.length > 0) suites.push({ name: SCAN_SUITE_NAME, timestamp, cases: scans });
  if (signatures.length > 0) suites.push({ name: SIGN_SUITE_NAME, timestamp, cases: signatures });
  return suites;
}

export function testCases(image: string, test: TestGate | undefined): JunitCase[] {
  if (test === undefined) return [];
  const classname = `${TEST_SUITE_NAME}.${image}`;
  if (test.error !== undefined) {
    return [
      {
        classname,
        name: 'tests',
        durationMs: test.durationMs,
        failure: { message: test.error, type: 'IMAGEFORGE_TEST_ERROR', body: test.error },
      },
    ];
  }
  return test.checks.map((check) => ({
    classname,
    name: `${check.kind}: ${check.name}`,
    durationMs: check.durationMs,
    ...(check.status === 'failed'
      ? {
          failure: {
            message: check.message ?? 'check failed',
            type: 'IMAGEFORGE_TEST_FAILED',
            body: [
              check.message ?? '',
              ...(check.logs?.length ? ['', 'container logs:', ...check.logs] : []),
            ].join('\n'),
          },
        }
      : {}),
    ...(check.status === 'skipped' ? { skipped: { message: check.message ?? 'skipped' } } : {}),
  }));
}

export function scanCase(image: string, scan: ScanGate): JunitCase {
  const testCase: JunitCase = {
    classname: `${SCAN_SUITE_NAME}.${image}`,
    name: `${scan.kind} (fail on ${scan.failOn})`,
    durationMs: scan.durationMs,
  };
  if (scan.status === 'failed') {
    const body = [
      scan.summary,
      '',
      ...scan.blocking.map((finding) => `${finding.severity} ${findingKey(finding)}`),
    ];
    testCase.failure = { message: scan.summary, type: 'IMAGEFORGE_SCAN_FAILED', body: body.join('\n') };
  } else if (scan.status === 'error') {
    const message = scan.error?.message ?? scan.summary;
    if (scan.blocksOnError === true) {
      testCase.failure = {
        message,
        type: scan.error?.code ?? 'IMAGEFORGE_SCANNER_FAILED',
        body: [message, scan.error?.hint ?? ''].join('\n'),
      };
    } else {
      testCase.skipped = { message: `scanner error (not blocking): ${message}` };
    }
  }
  return testCase;
}

function signCases(image: ImageResult): JunitCase[] {
  return (image.gates?.signatures ?? []).map((signature) => ({
    classname: `${SIGN_SUITE_NAME}.${image.name}`,
    name: signature.reference,
    durationMs: 0,
    ...(signature.status === 'failed'
      ? {
          failure: {
            message: signature.message ?? 'signing failed',
            type: 'IMAGEFORGE_SIGN_FAILED',
            body: signature.message ?? '',
          },
        }
      : {}),
  }));
}
