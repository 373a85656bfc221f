import { describe, expect, it } from 'vitest';
import { SMOKE_DEFAULTS, withSmokeDefaults } from '../../../bench/lib/smoke-defaults.js';

describe('withSmokeDefaults', () => {
  it('leaves the environment alone without BENCH_SMOKE=1', () => {
    expect(withSmokeDefaults({ BENCH_SMOKE: '0', DOCKER_HOST: 'unix:///x' })).toEqual({
      BENCH_SMOKE: '0',
      DOCKER_HOST: 'unix:///x',
    });
  });

  it('fills only the knobs the caller left unset or empty', () => {
    const env = withSmokeDefaults({ BENCH_SMOKE: '1', BENCH_RUNS: '2', BENCH_SCALING_SIZES: '' });
    expect(env).toEqual({ ...SMOKE_DEFAULTS, BENCH_SMOKE: '1', BENCH_RUNS: '2' });
    expect(env.BENCH_RESULTS_DIR).toBe('bench/work/smoke-results');
  });
});
