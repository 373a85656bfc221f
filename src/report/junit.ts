// junit.xml lets CI systems (GitLab, Jenkins, GitHub test reporters) show each image build as a test
// case. Builds are one suite; later stages (gates) pass their own suites in the same neutral shape.
import { create } from 'xmlbuilder2';
import type { ImageResult, Report } from './report-types.js';
import { stripAnsi } from './strip-ansi.js';

export const BUILD_SUITE_NAME = 'imageforge.build';

export interface JunitCase {
  classname: string;
  name: string;
  durationMs: number;
  failure?: { message: string; type: string; body: string };
  skipped?: { message: string };
}

export interface JunitSuite {
  name: string;
  /** ISO 8601 time the suite started. */
  timestamp: string;
  cases: JunitCase[];
  properties?: Record<string, string>;
}

/** The run's image builds as a suite, followed by any `extraSuites` (e.g. gate results). */
export function toJunitXml(report: Report, extraSuites: readonly JunitSuite[] = []): string {
  return renderSuites([toBuildSuite(report), ...extraSuites], report.durationMs);
}

/** Suites alone (standalone `scan`/`test` commands), no build suite. */
export function toJunitSuitesXml(suites: readonly JunitSuite[]): string {
  const total = suites.flatMap((suite) => suite.cases).reduce((sum, c) => sum + c.durationMs, 0);
  return renderSuites(suites, total);
}

function renderSuites(suites: readonly JunitSuite[], durationMs: number): string {
  const cases = suites.flatMap((suite) => suite.cases);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'imageforge',
    tests: String(cases.length),
    failures: String(cases.filter((c) => c.failure !== undefined).length),
    errors: '0',
    skipped: String(cases.filter((c) => c.skipped !== undefined).length),
    time: toSeconds(durationMs),
  });
  for (const suite of suites) appendSuite(root, suite);
  return root.end({ prettyPrint: true }) + '\n';
}

export function toBuildSuite(report: Report): JunitSuite {
  const properties: Record<string, string> = { runId: report.runId, configFile: report.configFile };
  if (report.profile !== undefined) properties['profile'] = report.profile;
  if (report.git.commit !== undefined) properties['git.commit'] = report.git.commit;
  if (report.git.branch !== undefined) properties['git.branch'] = report.git.branch;
  if (report.environment.builder !== undefined) properties['builder'] = report.environment.builder;
  return {
    name: BUILD_SUITE_NAME,
    timestamp: report.startedAt,
    properties,
    cases: report.images.map(toBuildCase),
  };
}

function toBuildCase(image: ImageResult): JunitCase {
  const testCase: JunitCase = { classname: BUILD_SUITE_NAME, name: image.name, durationMs: image.durationMs };
  if (image.status === 'failed') {
    testCase.failure = {
      message: image.error?.message ?? 'build failed',
      type: image.error?.code ?? 'IMAGEFORGE_BUILD_FAILED',
      body: failureBody(image),
    };
  } else if (image.status === 'skipped' || image.status === 'cancelled') {
    testCase.skipped = { message: image.reason ?? image.status };
  }
  return testCase;
}

/** What a CI reader needs without opening the report: kind, hint, the failing step and its output. */
function failureBody(image: ImageResult): string {
  const lines: string[] = [];
  if (image.error !== undefined) {
    lines.push(`${image.error.code} (${image.error.kind}): ${image.error.message}`);
    if (image.error.hint !== undefined) lines.push(`hint: ${image.error.hint}`);
  }
  lines.push(`attempts: ${image.attempts.length}`);
  const step =
    image.steps.find((s) => s.error !== undefined) ?? image.steps.find((s) => s.logTail !== undefined);
  if (step !== undefined) {
    lines.push(`failing step: ${step.name}`);
    if (step.error !== undefined) lines.push(`step error: ${step.error}`);
    if (step.logTail !== undefined && step.logTail.length > 0) lines.push('', ...step.logTail);
  }
  return lines.join('\n');
}

type XmlNode = ReturnType<ReturnType<typeof create>['ele']>;

function appendSuite(root: XmlNode, suite: JunitSuite): void {
  const element = root.ele('testsuite', {
    name: suite.name,
    tests: String(suite.cases.length),
    failures: String(suite.cases.filter((c) => c.failure !== undefined).length),
    errors: '0',
    skipped: String(suite.cases.filter((c) => c.skipped !== undefined).length),
    time: toSeconds(suite.cases.reduce((sum, c) => sum + c.durationMs, 0)),
    timestamp: toJunitTimestamp(suite.timestamp),
  });
  const properties = Object.entries(suite.properties ?? {});
  if (properties.length > 0) {
    const list = element.ele('properties');
    for (const [name, value] of properties) list.ele('property', { name, value: xmlSafe(value) });
  }
  for (const testCase of suite.cases) appendCase(element, testCase);
}

function appendCase(suite: XmlNode, testCase: JunitCase): void {
  const element = suite.ele('testcase', {
    classname: testCase.classname,
    name: xmlSafe(testCase.name),
    time: toSeconds(testCase.durationMs),
  });
  if (testCase.failure !== undefined) {
    element
      .ele('failure', { message: xmlSafe(testCase.failure.message), type: testCase.failure.type })
      .txt(xmlSafe(testCase.failure.body));
  }
  if (testCase.skipped !== undefined) element.ele('skipped', { message: xmlSafe(testCase.skipped.message) });
}

function toSeconds(ms: number): string {
  return (Math.max(ms, 0) / 1000).toFixed(3);
}

/** The Ant JUnit schema wants `YYYY-MM-DDTHH:MM:SS` without zone; we emit UTC. */
function toJunitTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 19);
}

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Build output carries ANSI colours and control bytes that XML 1.0 cannot represent at all. */
export function xmlSafe(text: string): string {
  return stripAnsi(text).replace(XML_INVALID, '\ufffd');
}
