// Demultiplexing a real `docker buildx bake --progress=rawjson` stream into per-target trackers.
import { describe, expect, it } from 'vitest';
import { BakeDemultiplexer } from '../../../src/buildx/bake-demux.js';
import { ProgressTracker } from '../../../src/buildx/progress-tracker.js';
import { parseRawjsonLine } from '../../../src/buildx/rawjson.js';
import { fixtureStatuses } from './fixtures.js';

function replay(fixture: string, targets: string[]): Map<string, ProgressTracker> {
  const demux = new BakeDemultiplexer(targets);
  const trackers = new Map(targets.map((target) => [target, new ProgressTracker()]));
  for (const status of fixtureStatuses(fixture)) {
    for (const [target, part] of demux.split(status)) trackers.get(target)?.update(part);
  }
  return trackers;
}

describe('BakeDemultiplexer', () => {
  const trackers = replay('bake.rawjson', ['app', 'tool']);
  const app = trackers.get('app');
  const tool = trackers.get('tool');

  it('gives each target its own steps, named as in a plain build', () => {
    const cacheable = (tracker?: ProgressTracker) =>
      tracker
        ?.steps()
        .filter((step) => step.cacheable)
        .map((step) => step.name);
    expect(cacheable(app)).toEqual([
      '[2/3] RUN echo "app says hi" && echo bake-app-1 > /app.txt',
      '[3/3] COPY app.txt /srv/',
    ]);
    expect(cacheable(tool)).toEqual([
      '[build 2/2] RUN echo "tool compiling" && echo bake-tool-1 > /tool.txt',
      '[stage-1 2/2] COPY --from=build /tool.txt /tool.txt',
    ]);
    expect(app?.steps().map((step) => step.name)).toContain('exporting to image');
    expect(app?.steps().map((step) => step.name)).toContain(
      '[internal] load build definition from Dockerfile',
    );
  });

  it('routes logs, which carry only a digest, to the target that named the vertex', () => {
    expect(app?.logTail()).toEqual(['app says hi']);
    expect(tool?.logTail()).toEqual(['tool compiling']);
  });

  it('drops vertexes that belong to no target', () => {
    const names = [...trackers.values()].flatMap((tracker) => tracker.steps().map((step) => step.name));
    expect(names.some((name) => name.includes('load local bake definitions'))).toBe(false);
  });

  it('gives per-target cache figures', () => {
    expect(app?.cacheFigures()).toMatchObject({ totalSteps: 2, cachedSteps: 0 });
    expect(tool?.stepCounter()).toEqual({ current: 2, total: 2 });
  });

  it('sends a vertex shared by two targets (same digest) and its logs to both', () => {
    const shared = replay('bake-shared.rawjson', ['a', 'b']);
    for (const target of ['a', 'b']) {
      const tracker = shared.get(target);
      expect(tracker?.steps().map((step) => step.name)).toContain(
        '[2/3] RUN echo "shared step output" && echo bake-shared-3 > /s.txt',
      );
      expect(tracker?.logTail()).toContain('shared step output');
      expect(tracker?.logTail()).toContain(`only ${target}`);
      expect(tracker?.logTail()).not.toContain(`only ${target === 'a' ? 'b' : 'a'}`);
    }
  });

  it('does not mistake a stage or platform word for a target', () => {
    const demux = new BakeDemultiplexer(['app']);
    const status = parseRawjsonLine(
      '{"vertexes":[{"digest":"sha256:1","name":"[app linux/arm64 builder 2/2] RUN true"},{"digest":"sha256:2","name":"[builder 2/2] RUN true"}]}',
    );
    if (!status) throw new Error('fixture line did not parse');
    const parts = demux.split(status);
    expect([...parts.keys()]).toEqual(['app']);
    expect(parts.get('app')?.vertexes.map((vertex) => vertex.name)).toEqual([
      '[linux/arm64 builder 2/2] RUN true',
    ]);
  });
});
