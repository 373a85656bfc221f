// imageforge's own version, read once from the nearest package.json named "imageforge" above this
// module: works from src/ (vitest), dist/ (library) and dist/bundle/ (CLI).
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'imageforge') {
        return 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
      }
    } catch {
      // no package.json here: keep walking up
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
