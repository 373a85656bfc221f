import { describe, expect, it } from 'vitest';
import { runSchedule, type TaskOutcome } from '../../../src/run/scheduler.js';

const deferred = () => {
  let resolve!: (outcome: TaskOutcome) => void;
  const promise = new Promise<TaskOutcome>((r) => (resolve = r));
  return { promise, resolve };
};

// base → controller, base → agent-base → agent-a, agent-b; other is independent
const dependencies = {
  base: [],
  other: [],
  controller: ['base'],
  'agent-base': ['base'],
  'agent-a': ['agent-base'],
  'agent-b': ['agent-base'],
};
const names = ['base', 'other', 'agent-base', 'controller', 'agent-a', 'agent-b'];

describe('runSchedule', () => {
  it('starts dependents only after their dependencies and respects the parallel cap', async () => {
    const started: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const { outcomes } = await runSchedule({
      names,
      dependencies,
      parallel: 2,
      failFast: false,
      run: async (name) => {
        started.push(name);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return 'succeeded';
      },
    });
    expect(maxRunning).toBe(2);
    expect(started.indexOf('controller')).toBeGreaterThan(started.indexOf('base'));
    expect(started.indexOf('agent-a')).toBeGreaterThan(started.indexOf('agent-base'));
    expect(Object.values(outcomes).every((o) => o === 'succeeded')).toBe(true);
  });

  it('starts a dependent as soon as its own dependency finishes, not the whole level', async () => {
    const gates = { base: deferred(), other: deferred() };
    const started: string[] = [];
    const done = runSchedule({
      names: ['base', 'other', 'controller'],
      dependencies: { base: [], other: [], controller: ['base'] },
      parallel: 3,
      failFast: false,
      run: (name) => {
        started.push(name);
        if (name === 'base' || name === 'other') return gates[name].promise;
        return Promise.resolve('succeeded');
      },
    });
    gates.base.resolve('succeeded');
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toContain('controller');
    gates.other.resolve('succeeded');
    await done;
  });

  it('skips only the dependents of a failed image; independent images still build', async () => {
    const skipped: Record<string, string> = {};
    const { outcomes } = await runSchedule({
      names,
      dependencies,
      parallel: 1,
      failFast: false,
      run: (name) => Promise.resolve(name === 'agent-base' ? 'failed' : 'succeeded'),
      onSkip: (name, reason) => (skipped[name] = reason),
    });
    expect(outcomes).toMatchObject({
      base: 'succeeded',
      other: 'succeeded',
      controller: 'succeeded',
      'agent-base': 'failed',
    });
    expect(outcomes['agent-a']).toBe('skipped');
    expect(skipped['agent-b']).toBe('dependency failed: agent-base');
  });

  it('propagates skips transitively', async () => {
    const skipped: Record<string, string> = {};
    await runSchedule({
      names,
      dependencies,
      parallel: 1,
      failFast: false,
      run: (name) => Promise.resolve(name === 'base' ? 'failed' : 'succeeded'),
      onSkip: (name, reason) => (skipped[name] = reason),
    });
    expect(skipped['agent-a']).toBe('dependency skipped: agent-base');
    expect(Object.keys(skipped).sort()).toEqual(['agent-a', 'agent-b', 'agent-base', 'controller']);
  });

  it('with failFast starts nothing new after a failure', async () => {
    const started: string[] = [];
    const { outcomes } = await runSchedule({
      names,
      dependencies,
      parallel: 1,
      failFast: true,
      run: (name) => {
        started.push(name);
        return Promise.resolve(name === 'base' ? 'failed' : 'succeeded');
      },
    });
    expect(started).toEqual(['base']);
    expect(outcomes.other).toBe('skipped');
  });

  it('stops starting work when the signal aborts', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    await runSchedule({
      names,
      dependencies,
      parallel: 1,
      failFast: false,
      signal: controller.signal,
      run: (name) => {
        started.push(name);
        controller.abort();
        return Promise.resolve('cancelled');
      },
    });
    expect(started).toEqual(['base']);
  });
});
