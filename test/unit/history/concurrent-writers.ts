// Starts writer processes against one history store at the same instant and waits for all of them:
// real processes (node + tsx), as concurrent `imageforge build` runs would be.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const WORKER = path.join(ROOT, 'test/fixtures/history/record-runs-worker.ts');

export interface WriterOutcome {
  worker: number;
  exitCode: number | null;
  stderr: string;
}

/** `writers` processes, each recording `runs` runs (writerReport) into the store at `url`. */
export async function runConcurrentWriters(options: {
  url: string;
  projectDir: string;
  writers: number;
  runs: number;
}): Promise<WriterOutcome[]> {
  // far enough ahead that every process has loaded before the first one opens the store
  const startAt = Date.now() + 4000;
  return Promise.all(
    Array.from({ length: options.writers }, (_, worker) =>
      runWriter(
        [options.url, options.projectDir, String(worker), String(options.runs), String(startAt)],
        worker,
      ),
    ),
  );
}

function runWriter(args: string[], worker: number): Promise<WriterOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (exitCode) => resolve({ worker, exitCode, stderr }));
    child.on('error', (error) => resolve({ worker, exitCode: -1, stderr: error.message }));
  });
}
