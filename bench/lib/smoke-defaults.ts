// BENCH_SMOKE=1: a quick end-to-end proof that every section still runs (one round, small sizes,
// results under bench/work/ so the published bench/results/ and docs stay untouched). Each default
// only fills a knob the caller left unset.
export const SMOKE_DEFAULTS: Readonly<Record<string, string>> = {
  BENCH_RUNS: '1',
  BENCH_SCALING_SIZES: '1,5',
  BENCH_HISTORY_RUNS: '5000',
  BENCH_RESULTS_DIR: 'bench/work/smoke-results',
};

export function withSmokeDefaults(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  if (env.BENCH_SMOKE !== '1') return { ...env };
  const filled: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(SMOKE_DEFAULTS)) {
    if (filled[name] === undefined || filled[name] === '') filled[name] = value;
  }
  return filled;
}
