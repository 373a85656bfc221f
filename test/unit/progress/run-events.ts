// A recorded-shape event sequence for renderer tests: base built from cache, controller built after
// a retry, agent failed, agent-x skipped because agent failed.
import type { RunEvent } from '../../../src/run/events.js';
import { sampleCache, sampleFailure, sampleImages } from '../report/sample-report.js';

const T0 = 1_700_000_000_000;

export function at(seconds: number): number {
  return T0 + seconds * 1000;
}

export function sampleRunEvents(): RunEvent[] {
  const [base, controller, agent, agentX] = sampleImages();
  if (!base || !controller || !agent || !agentX) throw new Error('sample images changed');
  const step = (current: number, total: number, name: string, cached: boolean, done: boolean) => ({
    current,
    total,
    name,
    cached,
    done,
  });
  return [
    { type: 'run-started', runId: 'r1', images: ['base', 'controller', 'agent', 'agent-x'], at: at(0) },
    { type: 'image-queued', image: 'base', at: at(0) },
    { type: 'image-started', image: 'base', attempt: 1, method: 'buildkit', at: at(0) },
    { type: 'image-step', image: 'base', step: step(1, 2, '[1/2] COPY . /src', true, true), at: at(1) },
    { type: 'image-step', image: 'base', step: step(2, 2, '[2/2] RUN make', true, true), at: at(1) },
    { type: 'image-finished', image: 'base', result: { ...base, cache: sampleCache(2, 2) }, at: at(4.1) },
    { type: 'image-started', image: 'controller', attempt: 1, method: 'buildkit', at: at(5) },
    {
      type: 'image-step',
      image: 'controller',
      step: step(1, 2, '[1/2] COPY . /src', false, false),
      at: at(5),
    },
    {
      type: 'image-step',
      image: 'controller',
      step: step(1, 2, '[1/2] COPY . /src', false, true),
      at: at(6),
    },
    {
      type: 'image-retry',
      image: 'controller',
      attempt: 2,
      delayMs: 2100,
      error: { code: 'IMAGEFORGE_REGISTRY_UNAVAILABLE', kind: 'transient', message: 'registry returned 503' },
      at: at(7),
    },
    { type: 'image-started', image: 'controller', attempt: 2, method: 'buildkit', at: at(9) },
    { type: 'image-step', image: 'controller', step: step(1, 2, '[1/2] COPY . /src', true, true), at: at(9) },
    { type: 'image-step', image: 'controller', step: step(2, 2, '[2/2] RUN make', false, false), at: at(9) },
    { type: 'image-log', image: 'controller', line: '\u001b[32mok\u001b[0m compiled', at: at(10) },
    { type: 'image-finished', image: 'controller', result: controller, at: at(17.3) },
    { type: 'image-started', image: 'agent', attempt: 1, method: 'buildkit', at: at(18) },
    { type: 'image-finished', image: 'agent', result: { ...agent, error: { ...sampleFailure } }, at: at(27) },
    { type: 'image-finished', image: 'agent-x', result: agentX, at: at(27) },
    { type: 'warning', message: 'disk space below 5 GiB', at: at(27) },
    { type: 'run-finished', status: 'failed', at: at(27) },
  ];
}
