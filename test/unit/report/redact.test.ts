import { describe, expect, it } from 'vitest';
import { redactSecrets, redactValue } from '../../../src/report/redact.js';

describe('redactSecrets', () => {
  it.each([
    ['replaces every occurrence', 'token=s3cret and s3cret again', ['s3cret'], 'token=*** and *** again'],
    ['leaves values shorter than four characters alone', 'on and off', ['on'], 'on and off'],
    ['replaces the longer of two overlapping secrets whole', 'pw=abcdef', ['abcd', 'abcdef'], 'pw=***'],
    ['treats secrets as literal text, not patterns', 'a.b*c and axbbc', ['a.b*c'], '*** and axbbc'],
    [
      'redacts each line of a multi-line secret',
      'line: BEGINKEY\nline: ZZZZTOP',
      ['BEGINKEY\nZZZZTOP\n'],
      'line: ***\nline: ***',
    ],
    ['returns text unchanged without secrets', 'nothing here', [], 'nothing here'],
  ])('%s', (_title, text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});

describe('redactValue', () => {
  it('redacts strings anywhere inside a report-like value and keeps its shape', () => {
    const value = { name: 'a', steps: [{ logTail: ['echo hunter22'] }], count: 2, ok: true, none: null };

    expect(redactValue(value, ['hunter22'])).toEqual({
      name: 'a',
      steps: [{ logTail: ['echo ***'] }],
      count: 2,
      ok: true,
      none: null,
    });
  });
});
