import { describe, expect, it } from 'vitest';
import { colorEnabled, resolveProgressMode } from '../../../src/progress/progress-mode.js';

describe('resolveProgressMode', () => {
  it.each([
    ['auto', true, {}, 'tty'],
    ['auto', false, {}, 'plain'],
    ['auto', undefined, {}, 'plain'],
    ['auto', true, { CI: 'true' }, 'plain'],
    ['auto', true, { CI: '1' }, 'plain'],
    ['auto', true, { CI: 'false' }, 'tty'],
    ['auto', true, { TERM: 'dumb' }, 'plain'],
    ['plain', true, {}, 'plain'],
    ['tty', false, { CI: 'true' }, 'tty'],
    ['quiet', true, {}, 'quiet'],
  ] as const)('%s on isTTY=%s with %o is %s', (requested, isTTY, env, expected) => {
    expect(resolveProgressMode(requested, { isTTY }, env)).toBe(expected);
  });
});

describe('colorEnabled', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [true, { TERM: 'dumb' }, false],
  ] as const)('isTTY=%s with %o is %s', (isTTY, env, expected) => {
    expect(colorEnabled({ isTTY }, env)).toBe(expected);
  });
});
