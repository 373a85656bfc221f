import { describe, expect, it } from 'vitest';
import { TargetScheduler } from '../../../src/run/targets/target-scheduler.js';
import type { BuildTarget } from '../../../src/run/targets/build-target.js';

const node = (id: string, platforms: string[] = []): BuildTarget => ({
  id,
  builder: 'pool',
  node: id,
  env: {},
  builderFlag: undefined,
  platforms,
  driver: 'managed',
});

describe('TargetScheduler', () => {
  it('spreads work over the least loaded node', () => {
    const scheduler = new TargetScheduler();
    const nodes = [node('a'), node('b'), node('c')];
    const first = scheduler.acquire(nodes, []);
    const second = scheduler.acquire(nodes, []);
    const third = scheduler.acquire(nodes, []);
    expect([first?.id, second?.id, third?.id]).toEqual(['a', 'b', 'c']);
    if (second) scheduler.release(second);
    expect(scheduler.acquire(nodes, [])?.id).toBe('b');
  });

  it('only picks nodes that build the requested platforms', () => {
    const scheduler = new TargetScheduler();
    const nodes = [node('amd', ['linux/amd64']), node('arm', ['linux/arm64'])];
    expect(scheduler.acquire(nodes, ['linux/arm64'])?.id).toBe('arm');
    expect(scheduler.acquire(nodes, ['linux/amd64', 'linux/arm64'])).toBeUndefined();
    expect(scheduler.acquire(nodes, [])?.id).toBe('amd');
  });

  it('never picks a dead node again', () => {
    const scheduler = new TargetScheduler();
    const nodes = [node('a'), node('b')];
    scheduler.markDead(nodes[0] as BuildTarget);
    expect(scheduler.acquire(nodes, [])?.id).toBe('b');
    expect(scheduler.acquire(nodes, [])?.id).toBe('b');
    expect(scheduler.alive(nodes).map((target) => target.id)).toEqual(['b']);
  });
});
