import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STYLESHEET } from '../../../src/html/stylesheet.js';

const BASE_CSS = path.resolve(import.meta.dirname, '../../../src/html/base.css');

describe('STYLESHEET', () => {
  it('is base.css, word for word (edit base.css, then paste it into stylesheet.ts)', () => {
    expect(STYLESHEET).toBe(readFileSync(BASE_CSS, 'utf8'));
  });

  it('needs nothing the Jenkins CSP blocks: no imports, no external fonts or images', () => {
    expect(STYLESHEET).not.toMatch(/@import|url\(|@font-face/);
  });

  it('has balanced braces', () => {
    expect(STYLESHEET.split('{').length).toBe(STYLESHEET.split('}').length);
  });
});
