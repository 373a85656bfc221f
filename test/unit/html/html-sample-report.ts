// A run that exercises every part of report.html: a failed build whose log prints markup meant to
// run in the viewer's browser, gates of every kind, cache refs, warnings and phase timings.
import type { ImageGates } from '../../../src/gates/gate-report.js';
import type { Finding } from '../../../src/gates/scan/findings.js';
import type { ImageResult, Report } from '../../../src/report/report-types.js';
import { sampleCache, sampleImage, sampleImages, sampleReport } from '../report/sample-report.js';

export const SCRIPT_PAYLOAD = '<script>window.__xss=1</script>';
export const IMG_PAYLOAD = '<img src=x onerror="window.__xss=2">';
export const ATTRIBUTE_PAYLOAD = '"><img src=x onerror="window.__xss=3">';

const critical: Finding = {
  kind: 'vulnerability',
  id: 'CVE-2019-1549',
  severity: 'CRITICAL',
  packageName: 'openssl',
  installedVersion: '1.1.1c',
  fixedVersion: '1.1.1d',
  target: 'controller (debian 10.1)',
  title: 'openssl: information disclosure in fork()',
  url: 'https://avd.aquasec.com/nvd/cve-2019-1549',
};

function controllerGates(): ImageGates {
  return {
    status: 'failed',
    test: {
      status: 'failed',
      durationMs: 5200,
      image: 'registry.example.com/controller:1.0',
      checks: [
        { kind: 'file', name: 'file /usr/share/jenkins/jenkins.war', status: 'passed', durationMs: 40 },
        { kind: 'command', name: 'java -version', status: 'passed', durationMs: 900 },
        {
          kind: 'http',
          name: 'GET /login',
          status: 'failed',
          durationMs: 4200,
          message: `GET /login on port 8080: expected status 200, got 503 after 4 attempts (4.2s) ${SCRIPT_PAYLOAD}`,
          logs: ['Running from: /usr/share/jenkins/jenkins.war', `SEVERE: ${IMG_PAYLOAD}`],
        },
      ],
    },
    scans: [
      {
        kind: 'vulnerabilities',
        status: 'failed',
        durationMs: 8100,
        scanner: { name: 'trivy', version: '0.50.1' },
        failOn: 'CRITICAL',
        ignoreUnfixed: true,
        counts: { CRITICAL: 1, HIGH: 4, MEDIUM: 12, LOW: 30, UNKNOWN: 0 },
        blocking: [critical],
        ignored: [
          { finding: { ...critical, id: 'CVE-2023-0001' }, reason: 'not reachable', expires: '2026-12-31' },
        ],
        expiredIgnores: [],
        findings: [critical],
        summary: 'failed: 1 blocking at or above CRITICAL (1 ignored)',
        rawReport: 'gates/controller/trivy-vulnerabilities.json',
      },
      {
        kind: 'secrets',
        status: 'passed',
        durationMs: 2300,
        scanner: { name: 'trivy', version: '0.50.1' },
        failOn: 'HIGH',
        ignoreUnfixed: false,
        counts: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
        blocking: [],
        ignored: [],
        expiredIgnores: [],
        findings: [],
        summary: 'passed: no secrets found',
      },
    ],
    sboms: [{ format: 'cyclonedx', file: 'gates/controller/sbom.cdx.json', components: 412 }],
    signatures: [
      {
        status: 'skipped',
        reference: `registry.example.com/controller@sha256:${'0123456789ab'.padEnd(64, 'f')}`,
        verified: false,
        tlog: false,
        message: 'gates failed: not signed',
      },
    ],
  };
}

function failedAgent(base: ImageResult): ImageResult {
  return {
    ...base,
    steps: [
      {
        name: '[internal] load build definition from Dockerfile',
        cacheable: false,
        cached: false,
        durationMs: 40,
      },
      { name: '[1/4] FROM docker.io/library/debian:12', cacheable: false, cached: false, durationMs: 900 },
      { name: '[2/4] RUN apt-get update && apt-get install -y gcc make', cacheable: true, cached: true },
      { name: '[3/4] COPY . /src', cacheable: true, cached: false, durationMs: 300 },
      {
        name: '[4/4] RUN make',
        cacheable: true,
        cached: false,
        durationMs: 3000,
        error: 'process "/bin/sh -c make" did not complete successfully: exit code: 2',
        logTail: [
          'cc -o agent main.c',
          `\u001b[31mmain.c:3: error:\u001b[0m ${SCRIPT_PAYLOAD}`,
          `echo '${IMG_PAYLOAD}'`,
          'make: *** [agent] Error 1',
        ],
      },
    ],
    warnings: [`cache export to registry.example.com/cache:agent failed ${ATTRIBUTE_PAYLOAD}`],
    cache: {
      ...sampleCache(1, 3),
      bytesPulled: 48_300_000,
      contextBytes: 12_400,
      imports: [
        { ref: 'registry.example.com/cache:agent', found: false },
        { ref: 'registry.example.com/cache:main', found: true },
      ],
    },
  };
}

/** sampleReport with the XSS payloads in a failing step log, a test check, and a warning. */
export function htmlSampleReport(overrides: Partial<Report> = {}): Report {
  const [base, controller, agent, agentX] = sampleImages();
  if (!base || !controller || !agent || !agentX) throw new Error('sampleImages changed shape');
  const images = [
    sampleImage('base', { ...base, cache: { ...base.cache, bytesPulled: 29_000_000 } }),
    {
      ...controller,
      status: 'failed' as const,
      gates: controllerGates(),
      steps: [
        { name: '[1/3] FROM base', cacheable: false, cached: false, durationMs: 120 },
        { name: '[2/3] RUN apt-get install -y openjdk-17-jre', cacheable: true, cached: true, durationMs: 0 },
        {
          name: '[3/3] COPY jenkins.war /usr/share/jenkins/',
          cacheable: true,
          cached: false,
          durationMs: 2100,
        },
      ],
    },
    failedAgent(agent),
    agentX,
  ];
  const report = sampleReport({
    images,
    warnings: ['buildx 0.19 is older than the recommended 0.23'],
    timings: { planMs: 120, preflightMs: 800, checkMs: 300, buildMs: 21_000, publishMs: 0 },
    ...overrides,
  });
  return { ...report, summary: { ...report.summary, gates: { passed: 0, failed: 1 } } };
}
