// Integration tests run against the real engine started by scripts/engine.sh. Under CI=true a
// missing engine is a failure, never a skip: this setup throws and every engine test fails.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  const out = execFileSync('bash', [path.join(root, 'scripts/engine.sh'), 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of out.split('\n')) {
    const match = /^export (\w+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2];
  }
  if (!process.env.DOCKER_HOST) throw new Error('scripts/engine.sh up did not print DOCKER_HOST');
}
