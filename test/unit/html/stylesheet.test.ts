import { describe, expect, it } from 'vitest';
import { STYLESHEET, STYLESHEET_PARTS } from '../../../src/html/stylesheet.js';

describe('STYLESHEET', () => {
  it('is its parts in order, each a whole set of rules (balanced braces)', () => {
    expect(STYLESHEET).toBe(STYLESHEET_PARTS.join(''));
    for (const part of STYLESHEET_PARTS) expect(part.split('{').length).toBe(part.split('}').length);
    expect(STYLESHEET).toMatch(/^\/\* imageforge pages/);
  });

  it('needs nothing the Jenkins CSP blocks: no imports, no external fonts or images', () => {
    expect(STYLESHEET).not.toMatch(/@import|url\(|@font-face/);
  });

  it('has balanced braces', () => {
    expect(STYLESHEET.split('{').length).toBe(STYLESHEET.split('}').length);
  });
});
