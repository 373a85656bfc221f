// Run ids sort by time and stay unique across concurrent runs: 20261121T120304Z-3f9c1a.
import { randomBytes } from 'node:crypto';

export function createRunId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
