// Direct access to the test engine for assertions (what is in the image store, containers left).
import { execFileSync } from 'node:child_process';

export function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function imageExists(reference: string): boolean {
  try {
    docker(['image', 'inspect', reference]);
    return true;
  } catch {
    return false;
  }
}

export function containersWithLabel(label: string): string[] {
  return docker(['ps', '-aq', '--filter', `label=${label}`])
    .split('\n')
    .filter(Boolean);
}
