import { describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { toJunitXml, type JunitSuite } from '../../../src/report/junit.js';
import { sampleImage, sampleReport } from './sample-report.js';

interface XmlElement {
  [key: string]: unknown;
}

/** The parsed document as plain objects: attributes under `@name`, text under `#`. */
function parseXml(xml: string): XmlElement {
  return convert(xml, { format: 'object' }) as unknown as XmlElement;
}

function asArray(value: unknown): XmlElement[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as XmlElement[];
}

function suitesOf(xml: string): XmlElement[] {
  const root = parseXml(xml)['testsuites'] as XmlElement;
  return asArray(root['testsuite']);
}

function casesOf(suite: XmlElement | undefined): XmlElement[] {
  return asArray(suite?.['testcase']);
}

describe('toJunitXml', () => {
  it('has one imageforge.build suite with the right counts and timestamp', () => {
    const [suite] = suitesOf(toJunitXml(sampleReport()));

    expect(suite).toMatchObject({
      '@name': 'imageforge.build',
      '@tests': '4',
      '@failures': '1',
      '@errors': '0',
      '@skipped': '1',
      '@timestamp': '2024-05-01T12:00:00',
      '@time': '25.400',
    });
  });

  it('has one testcase per image with classname, name and time in seconds', () => {
    const cases = casesOf(suitesOf(toJunitXml(sampleReport()))[0]);

    expect(cases.map((c) => [c['@classname'], c['@name'], c['@time']])).toEqual([
      ['imageforge.build', 'base', '4.100'],
      ['imageforge.build', 'controller', '12.300'],
      ['imageforge.build', 'agent', '9.000'],
      ['imageforge.build', 'agent-x', '0.000'],
    ]);
  });

  it('gives a failed build a failure with the classified message, failing step and log tail', () => {
    const agent = casesOf(suitesOf(toJunitXml(sampleReport()))[0]).find((c) => c['@name'] === 'agent');
    const failure = agent?.['failure'] as XmlElement;

    expect(failure['@message']).toBe('RUN make exited with code 2');
    expect(failure['@type']).toBe('IMAGEFORGE_BUILD_FAILED');
    const body = String(failure['#']);
    expect(body).toContain('failing step: [2/2] RUN make');
    expect(body).toContain('hint: Fix the failing command in images/agent/Dockerfile.');
    expect(body).toContain('main.c:3: error: expected ; before }\nmake: *** [agent] Error 1');
  });

  it('marks skipped and cancelled builds as skipped with their reason', () => {
    const report = sampleReport({
      images: [
        sampleImage('a', { status: 'skipped', reason: 'dependency failed: base' }),
        sampleImage('b', { status: 'cancelled' }),
      ],
    });
    const cases = casesOf(suitesOf(toJunitXml(report))[0]);

    expect(cases.map((c) => (c['skipped'] as XmlElement)['@message'])).toEqual([
      'dependency failed: base',
      'cancelled',
    ]);
  });

  it('removes terminal escapes and control bytes that XML cannot hold', () => {
    const report = sampleReport({
      images: [
        sampleImage('a', {
          status: 'failed',
          error: { code: 'C', kind: 'deterministic', message: '\u001b[31mred\u001b[0m failure\u0007' },
          steps: [
            {
              name: 'RUN x',
              cacheable: true,
              cached: false,
              error: 'boom',
              logTail: ['\u001b[1mbold\u0000'],
            },
          ],
        }),
      ],
    });
    const xml = toJunitXml(report);
    const failure = casesOf(suitesOf(xml)[0])[0]?.['failure'] as XmlElement;

    expect(xml).not.toContain('\u001b');
    expect(failure['@message']).toBe('red failure\ufffd');
    expect(String(failure['#'])).toContain('bold\ufffd');
  });

  it('appends extra suites (e.g. gates) and counts them in the root element', () => {
    const gates: JunitSuite = {
      name: 'imageforge.gates',
      timestamp: '2024-05-01T12:01:00.000Z',
      cases: [
        { classname: 'imageforge.gates', name: 'trivy: base', durationMs: 1500 },
        {
          classname: 'imageforge.gates',
          name: 'trivy: controller',
          durationMs: 2000,
          failure: {
            message: '2 critical vulnerabilities',
            type: 'IMAGEFORGE_GATE_FAILED',
            body: 'CVE-1\nCVE-2',
          },
        },
      ],
    };
    const xml = toJunitXml(sampleReport(), [gates]);
    const root = parseXml(xml)['testsuites'] as XmlElement;
    const suites = suitesOf(xml);

    expect(suites.map((s) => s['@name'])).toEqual(['imageforge.build', 'imageforge.gates']);
    expect(suites[1]).toMatchObject({ '@tests': '2', '@failures': '1', '@timestamp': '2024-05-01T12:01:00' });
    expect(root).toMatchObject({ '@tests': '6', '@failures': '2', '@skipped': '1' });
  });
});
