import { describe, expect, it } from 'vitest';
import { LegacyOutputParser } from '../../../src/legacy/legacy-output.js';

// Recorded from `DOCKER_BUILDKIT=0 docker build` on Docker Engine 28.5.2 (second, cached run).
const cachedRun = `Sending build context to Docker daemon  2.048kB
Step 1/3 : FROM localhost:5000/base/busybox:latest
 ---> e147775a0191
Step 2/3 : ARG V=1
 ---> Using cache
 ---> 715f36d12e27
Step 3/3 : RUN echo a-$V > /a
 ---> Using cache
 ---> cbfb787f8f62
Successfully built cbfb787f8f62
Successfully tagged lg:1`;

const failedRun = `Step 1/2 : FROM localhost:5000/base/busybox:latest
 ---> e147775a0191
Step 2/2 : RUN echo boom && exit 3
 ---> [Warning] IPv4 forwarding is disabled. Networking will not work.
 ---> Running in 25742700bdcf
boom
The command '/bin/sh -c echo boom && exit 3' returned a non-zero code: 3`;

describe('LegacyOutputParser', () => {
  it('counts cacheable steps (not FROM) and cache hits', () => {
    const parser = new LegacyOutputParser();
    for (const line of cachedRun.split('\n')) parser.update(line);
    expect(parser.cacheFigures()).toEqual({
      totalSteps: 2,
      cachedSteps: 2,
      hitRatio: 1,
      vertexTotal: 3,
      vertexCached: 2,
    });
    expect(parser.steps().map((s) => s.name)).toEqual([
      '[1/3] FROM localhost:5000/base/busybox:latest',
      '[2/3] ARG V=1',
      '[3/3] RUN echo a-$V > /a',
    ]);
  });

  it('does not count the LABEL steps the classic builder appends for --label flags', () => {
    const parser = new LegacyOutputParser(Date.now, new Set(['a=b']));
    for (const line of ['Step 1/3 : FROM x', 'Step 2/3 : RUN true', 'Step 3/3 : LABEL a=b'])
      parser.update(line);
    expect(parser.cacheFigures().totalSteps).toBe(1);
  });

  it('attaches the log tail and error to the failed step', () => {
    const parser = new LegacyOutputParser();
    for (const line of failedRun.split('\n')) parser.update(line);
    const steps = parser.steps('RUN exited with 3');
    expect(steps.at(-1)).toMatchObject({ cached: false, error: 'RUN exited with 3' });
    expect(steps.at(-1)?.logTail).toContain('boom');
    expect(parser.cacheFigures().hitRatio).toBe(0);
  });
});
