// Runs the "history" bench section alone, without the bench engine (it needs no Docker):
// `npx tsx bench/run-history-bench.ts`. BENCH_HISTORY_RUNS (100000) and BENCH_HISTORY_REPETITIONS
// (50) size it; prints the section's markdown and exits 1 when the trends target is missed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historySection } from './scenarios/history.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = await historySection.run({
  root,
  runs: 5,
  env: { ...process.env },
  timeoutMs: 600_000,
  scenarios: [],
  log: (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`),
});
console.log(result.markdown);
for (const failure of result.failures) console.error(`FAILED ${failure}`);
process.exitCode = result.failures.length > 0 || result.targetsMet === false ? 1 : 0;
