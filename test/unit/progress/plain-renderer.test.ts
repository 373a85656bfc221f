import { describe, expect, it } from 'vitest';
import { createProgressRenderer } from '../../../src/progress/progress-renderer.js';
import { captureStream } from './capture-stream.js';
import { sampleRunEvents } from './run-events.js';

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b/;

function renderPlain(color: boolean, maxAttempts?: number): string {
  const stream = captureStream();
  const renderer = createProgressRenderer('plain', stream, { color, maxAttempts });
  for (const event of sampleRunEvents()) renderer.onEvent(event);
  renderer.close();
  return stream.text();
}

describe('plain progress', () => {
  it('writes one self-contained line per change, prefixed with the padded image name', () => {
    expect(renderPlain(false, 3).split('\n')).toEqual([
      '[base]       queued',
      '[base]       building with buildkit',
      '[base]       CACHED [1/2] COPY . /src',
      '[base]       CACHED [2/2] RUN make',
      '[base]       built in 4.1s (2/2 steps cached)',
      '[controller] building with buildkit',
      '[controller] #1 [1/2] COPY . /src',
      '[controller] retry 2/3 in 2.1s: registry returned 503',
      '[controller] attempt 2/3: building with buildkit',
      '[controller] CACHED [1/2] COPY . /src',
      '[controller] #2 [2/2] RUN make',
      '[controller] log: ok compiled',
      '[controller] built in 12.3s (3/7 steps cached)',
      '[agent]      building with buildkit',
      '[agent]      failed after 9.0s: RUN make exited with code 2 (hint: Fix the failing command in images/agent/Dockerfile.)',
      '[agent-x]    skipped (dependency failed: agent)',
      'warning: disk space below 5 GiB',
      '',
    ]);
  });

  it('shows retries without a maximum when it is not known', () => {
    expect(renderPlain(false)).toContain('[controller] retry 2 in 2.1s: registry returned 503');
  });

  it('writes no escape codes at all when colour is off, even for coloured build output', () => {
    expect(renderPlain(false)).not.toMatch(ESCAPE);
  });

  it('colours labels and outcomes when colour is on', () => {
    expect(renderPlain(true)).toMatch(ESCAPE);
  });
});

describe('quiet progress', () => {
  it('writes only warnings', () => {
    const stream = captureStream();
    const renderer = createProgressRenderer('quiet', stream, { color: false });
    for (const event of sampleRunEvents()) renderer.onEvent(event);
    renderer.onEvent({ type: 'warning', image: 'base', message: 'no cache export', at: 0 });
    renderer.close();

    expect(stream.text()).toBe('warning: disk space below 5 GiB\n[base] warning: no cache export\n');
  });
});
