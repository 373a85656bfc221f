import { describe, expect, it } from 'vitest';
import { barsSvg, lineChartSvg, timelineSvg } from '../../../src/html/svg-charts.js';
import { markupProblems } from './well-formed.js';

const HOSTILE = '<script>alert(1)</script>"&\'';

function count(markup: string, pattern: RegExp): number {
  return [...markup.matchAll(pattern)].length;
}

describe('timelineSvg', () => {
  const rows = [
    { label: '[1/3] FROM debian', start: 0, end: 0, className: 'step-cached' },
    { label: '[2/3] RUN make', start: 0, end: 1500, className: 'step-executed' },
    { label: '[3/3] COPY out /', start: 1500, end: 1800 },
  ];

  it('draws one bar per row, labelled, with its class, under a titled accessible root', () => {
    const svg = timelineSvg(rows, { width: 600, title: 'Build steps' });

    expect(markupProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*aria-label="Build steps"/);
    expect(svg).toContain('<title>Build steps</title>');
    expect(count(svg, /<rect class="chart-bar[ "]/g)).toBe(3);
    expect(svg).toContain('class="chart-bar step-executed"');
    expect(svg).toContain('>[2/3] RUN make<');
  });

  it('labels a readable time axis and gives each bar a tooltip with its duration', () => {
    const svg = timelineSvg(rows, { width: 600, title: 'Build steps' });

    expect(svg).toContain('>0ms<');
    expect(svg).toContain('>1s<');
    expect(svg).toContain('<title>[2/3] RUN make: 1.5s</title>');
  });

  it('keeps zero-length rows visible and bars inside the chart', () => {
    const svg = timelineSvg(rows, { width: 600, title: 't' });
    const bars = [...svg.matchAll(/<rect class="chart-bar[^"]*" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)];

    expect(bars.map(([, , width]) => Number(width)).every((width) => width >= 2)).toBe(true);
    expect(bars.every(([, x, width]) => Number(x) + Number(width) <= 600)).toBe(true);
  });

  it('cuts long labels to the label column and keeps the full text in the tooltip', () => {
    const label = `RUN ${'apt-get install -y curl '.repeat(10)}`;
    const svg = timelineSvg([{ label, start: 0, end: 10 }], { width: 600, title: 't' });

    expect(svg).toContain(`<title>${label}: 10ms</title>`);
    expect(svg).toMatch(/class="chart-label"[^>]*>RUN apt-get[^<]*…</);
  });
});

describe('barsSvg', () => {
  it('scales each bar against its max, and formats values', () => {
    const svg = barsSvg(
      [
        { label: 'cached', value: 3, max: 4, className: 'is-cached' },
        { label: 'executed', value: 1, max: 4 },
      ],
      { width: 400, title: 'Cache', format: (value) => `${value} steps` },
    );
    const widths = [...svg.matchAll(/<rect class="chart-bar[^"]*" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)];

    expect(markupProblems(svg)).toEqual([]);
    expect(widths.map(([, width]) => Number(width))).toEqual([135, 45]);
    expect(svg).toContain('>3 steps<');
    expect(svg).toContain('class="chart-bar is-cached"');
  });

  it('draws nothing wider than the track for values above max, and no bar for a max of 0', () => {
    const svg = barsSvg(
      [
        { label: 'over', value: 10, max: 5 },
        { label: 'none', value: 0, max: 0 },
      ],
      { width: 400, title: 'b' },
    );
    const widths = [...svg.matchAll(/<rect class="chart-bar[^"]*" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)];

    expect(widths.map(([, width]) => Number(width))).toEqual([180, 0]);
  });
});

describe('lineChartSvg', () => {
  it('draws a line through every point with a tooltip per point and labelled axes', () => {
    const points = [
      { x: '05-01', y: 12_000 },
      { x: '05-02', y: 9000 },
      { x: '05-03', y: 15_500 },
    ];
    const svg = lineChartSvg(points, {
      width: 400,
      height: 160,
      title: 'Duration',
      format: (value) => `${value / 1000}s`,
      className: 'trend',
    });

    expect(markupProblems(svg)).toEqual([]);
    expect(svg).toMatch(
      /<polyline class="chart-line" fill="none" points="(?:[\d.]+,[\d.]+ ){2}[\d.]+,[\d.]+"/,
    );
    expect(count(svg, /<circle class="chart-dot"/g)).toBe(3);
    expect(svg).toContain('<title>05-03: 15.5s</title>');
    expect(svg).toContain('>05-01<');
    expect(svg).toContain('class="chart chart-lines trend"');
  });

  it('says "No data" for no points', () => {
    const svg = lineChartSvg([], { width: 400, height: 160, title: 'Empty' });

    expect(markupProblems(svg)).toEqual([]);
    expect(svg).toContain('>No data<');
  });
});

describe('all charts', () => {
  const charts = [
    timelineSvg([{ label: HOSTILE, start: 0, end: 1, className: HOSTILE }], { width: 300, title: HOSTILE }),
    barsSvg([{ label: HOSTILE, value: 1, className: HOSTILE }], { width: 300, title: HOSTILE }),
    lineChartSvg([{ x: HOSTILE, y: 1 }], { width: 300, height: 100, title: HOSTILE, className: HOSTILE }),
  ];

  it.each(charts)('escapes every text and attribute and stays well-formed (%#)', (svg) => {
    expect(markupProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
  });

  it.each(charts)('uses classes, never inline styles (%#)', (svg) => {
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toContain('<style');
  });

  it('tolerates NaN and infinite values without printing them', () => {
    const svg =
      barsSvg([{ label: 'x', value: Number.NaN }], { width: 300, title: 'b' }) +
      timelineSvg([{ label: 'x', start: 0, end: Number.POSITIVE_INFINITY }], { width: 300, title: 't' }) +
      lineChartSvg([{ x: 'a', y: Number.NaN }], { width: 300, height: 100, title: 'l' });

    expect(svg).not.toMatch(/="[^"]*(NaN|Infinity)/);
  });
});
