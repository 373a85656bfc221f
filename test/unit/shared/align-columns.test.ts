import { describe, expect, it } from 'vitest';
import { alignColumns } from '../../../src/shared/align-columns.js';

describe('alignColumns', () => {
  it('pads every column to its widest cell, two spaces apart, without trailing blanks', () => {
    expect(
      alignColumns([
        ['NAME', 'STATUS', 'PATH'],
        ['buildx', 'ok', '/usr/libexec/docker/cli-plugins/docker-buildx'],
        ['x', 'invalid', ''],
      ]),
    ).toBe(
      [
        'NAME    STATUS   PATH',
        'buildx  ok       /usr/libexec/docker/cli-plugins/docker-buildx',
        'x       invalid',
      ].join('\n'),
    );
  });

  it('is empty for no rows', () => {
    expect(alignColumns([])).toBe('');
  });
});
