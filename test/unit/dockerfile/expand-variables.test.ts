import { describe, expect, it } from 'vitest';
import { expandVariables } from '../../../src/dockerfile/index.js';

const scope = { REGISTRY: 'localhost:5000', EMPTY: '', TAG: '1.2' };

describe('expandVariables', () => {
  it.each([
    ['$REGISTRY/app', 'localhost:5000/app'],
    ['${REGISTRY}/app:${TAG}', 'localhost:5000/app:1.2'],
    ['app:${MISSING:-latest}', 'app:latest'],
    ['app:${EMPTY:-latest}', 'app:latest'],
    ['app:${EMPTY-latest}', 'app:'],
    ['app:${MISSING-latest}', 'app:latest'],
    ['app${TAG:+-$TAG}', 'app-1.2'],
    ['app${MISSING:+-$MISSING}', 'app'],
    ['app${EMPTY+-set}', 'app-set'],
    ['app${EMPTY:+-set}', 'app'],
    ['${MISSING:-${REGISTRY}/base}', 'localhost:5000/base'],
    ['$MISSING/app', '/app'],
    ['"$REGISTRY/quoted"', 'localhost:5000/quoted'],
    ["'$REGISTRY/literal'", '$REGISTRY/literal'],
    ['\\$REGISTRY', '$REGISTRY'],
    ['cost$', 'cost$'],
    ['$1', ''],
  ])('%s -> %s', (word, expected) => {
    expect(expandVariables(word, scope)).toBe(expected);
  });

  it('honours a backtick escape character', () => {
    expect(expandVariables('`$REGISTRY', scope, '`')).toBe('$REGISTRY');
  });
});
