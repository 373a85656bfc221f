// Integration tests run against the real engine started by scripts/engine.sh. Under CI=true a
// missing engine is a failure, never a skip: this setup throws and every engine test fails.
// IMAGEFORGE_TEST_ENGINE=compat runs them on the older engine of scripts/compat.sh instead
// (docs/compatibility.md): its DOCKER_HOST, DOCKER_CONFIG and PATH reach every test and CLI run.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const engineScripts: Record<string, string> = { main: 'scripts/engine.sh', compat: 'scripts/compat.sh' };

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  const engine = process.env.IMAGEFORGE_TEST_ENGINE ?? 'main';
  const script = engineScripts[engine];
  if (!script)
    throw new Error(
      `IMAGEFORGE_TEST_ENGINE=${engine}: expected one of ${Object.keys(engineScripts).join(', ')}`,
    );
  const out = execFileSync('bash', [path.join(root, script), 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, IMAGEFORGE_COMPAT_FRESH_CONFIG: '1' },
  });
  for (const line of out.split('\n')) {
    const match = /^export (\w+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2];
  }
  if (!process.env.DOCKER_HOST) throw new Error(`${script} up did not print DOCKER_HOST`);
}
