// Extra isolated engines for tests (a second "machine": a fresh CI agent, another developer), via
// scripts/engine.sh, which only ever stops what it started.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

const SCRIPT = path.join(ROOT, 'scripts/engine.sh');

export interface TestEngine {
  name: string;
  dockerHost: string;
  /** Stops the engine, deletes its data root and starts it again: a machine with an empty cache. */
  reset(): void;
  stop(): void;
}

export function startEngine(name: string): TestEngine {
  const dir = path.join(process.env.IMAGEFORGE_ENGINE_DIR ?? path.join(ROOT, '.engine'), name);
  const run = (...args: string[]): string =>
    execFileSync('bash', [SCRIPT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  run('up', name);
  return {
    name,
    dockerHost: `unix://${dir}/docker.sock`,
    reset: () => {
      run('down', name);
      rmSync(path.join(dir, 'data'), { recursive: true, force: true });
      rmSync(path.join(dir, 'exec'), { recursive: true, force: true });
      run('up', name);
    },
    stop: () => {
      run('down', name);
    },
  };
}
