import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressRenderer, type ProgressRenderer } from '../../../src/progress/progress-renderer.js';
import type { RunEvent } from '../../../src/run/events.js';
import { captureStream, screenOf, type CaptureStream } from './capture-stream.js';
import { at, sampleRunEvents } from './run-events.js';

// eslint-disable-next-line no-control-regex
const COLOR_CODE = /\u001b\[[0-9;]*m/;

let clock: number;
let stream: CaptureStream;
let renderer: ProgressRenderer;

function start(options: { color?: boolean; columns?: number; rows?: number } = {}): void {
  stream = captureStream({ columns: options.columns ?? 100, rows: options.rows ?? 30 });
  renderer = createProgressRenderer('tty', stream, {
    color: options.color ?? false,
    now: () => clock,
    maxAttempts: 3,
  });
}

function feed(events: RunEvent[], untilType?: RunEvent['type'], untilImage?: string): void {
  for (const event of events) {
    clock = event.at;
    renderer.onEvent(event);
    if (event.type === untilType && 'image' in event && event.image === untilImage) return;
  }
}

/** Moves both the renderer's clock and its redraw timer. */
function advance(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = at(0);
});

afterEach(() => {
  renderer.close();
  vi.useRealTimers();
});

describe('tty progress', () => {
  it('shows one line per image, with the running step and a ticking elapsed time', () => {
    start();
    const events = sampleRunEvents();
    feed(events.slice(0, 13));
    advance(100);
    const first = screenOf(stream.text());
    advance(2000);
    const later = screenOf(stream.text());

    expect(first).toHaveLength(4);
    expect(first[0]).toMatch(/^✓ base {8}built {2}2\/2 cached +4\.1s$/);
    expect(first[1]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] controller {2}step 2\/2 \[2\/2\] RUN make +4\.1s$/);
    expect(first[2]).toBe('· agent       queued');
    expect(first[3]).toBe('· agent-x     queued');
    expect(later[1]).toMatch(/step 2\/2 \[2\/2\] RUN make +6\.1s$/);
  });

  it('shows a retry with its countdown and message', () => {
    start();
    feed(sampleRunEvents(), 'image-retry', 'controller');
    advance(100);
    expect(screenOf(stream.text())[1]).toBe('↻ controller  retry 2/3 in 2.0s: registry returned 503');
    advance(1000);
    expect(screenOf(stream.text())[1]).toBe('↻ controller  retry 2/3 in 1.0s: registry returned 503');
  });

  it('leaves the final state of every image on screen when closed, with warnings above it', () => {
    start();
    feed(sampleRunEvents());
    renderer.close();
    const screen = screenOf(stream.text());

    expect(screen[0]).toBe('warning: disk space below 5 GiB');
    expect(screen.slice(1).map((line) => line.replace(/ {2,}/g, '  '))).toEqual([
      '✓ base  built  2/2 cached  4.1s',
      '✓ controller  built  3/7 cached  12.3s',
      '✗ agent  failed: RUN make exited with code 2',
      '- agent-x  skipped (dependency failed: agent)',
    ]);
    expect(stream.text().endsWith('\n')).toBe(true);
  });

  it('redraws at most about ten times a second however fast events arrive', () => {
    start();
    renderer.onEvent({ type: 'run-started', runId: 'r', images: ['a'], at: clock });
    renderer.onEvent({ type: 'image-started', image: 'a', attempt: 1, method: 'buildkit', at: clock });
    for (let i = 1; i <= 10_000; i += 1) {
      const step = { current: i, total: 10_000, name: `RUN step ${i}`, cached: i % 2 === 0, done: false };
      renderer.onEvent({ type: 'image-step', image: 'a', step, at: clock });
      renderer.onEvent({ type: 'image-log', image: 'a', line: `line ${i}`, at: clock });
    }
    advance(1000);

    expect(stream.writes.length).toBeLessThanOrEqual(11);
    expect(screenOf(stream.text())).toEqual([
      expect.stringMatching(/step 10000\/10000 CACHED RUN step 10000 +1\.0s$/),
    ]);
  });

  it('never writes a line wider than the terminal, so redraws do not wrap', () => {
    start({ columns: 40 });
    feed(sampleRunEvents());
    renderer.close();

    for (const line of screenOf(stream.text())) expect(line.length).toBeLessThanOrEqual(39);
    expect(screenOf(stream.text())[3]).toBe('✗ agent       failed: RUN make exited…');
  });

  it('keeps running images visible when there are more images than terminal rows', () => {
    start({ rows: 4 });
    const images = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6'];
    renderer.onEvent({ type: 'run-started', runId: 'r', images, at: clock });
    renderer.onEvent({ type: 'image-started', image: 'i6', attempt: 1, method: 'legacy', at: clock });
    advance(100);
    const screen = screenOf(stream.text());

    expect(screen).toHaveLength(3);
    expect(screen[0]).toBe('· i1  queued');
    expect(screen[1]).toMatch(/i6 {2}starting \(legacy\) +0\.1s$/);
    expect(screen[2]).toBe('  … 4 more (0 finished, 4 queued)');
  });

  it('uses no colour codes when colour is off, and some when it is on', () => {
    start({ color: false });
    feed(sampleRunEvents());
    renderer.close();
    expect(stream.text()).not.toMatch(COLOR_CODE);

    start({ color: true });
    feed(sampleRunEvents());
    renderer.close();
    expect(stream.text()).toMatch(COLOR_CODE);
  });

  it('ignores events after close and can be closed twice', () => {
    start();
    feed(sampleRunEvents());
    renderer.close();
    const written = stream.text();
    renderer.onEvent({ type: 'image-queued', image: 'late', at: clock });
    advance(500);
    renderer.close();

    expect(stream.text()).toBe(written);
  });
});
