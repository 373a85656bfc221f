// HTTP checks: comparison of an answer with the check, and fetch errors worded for the report.
import { describe, expect, it } from 'vitest';
import { describeHttpMismatch } from '../../../src/gates/functional/http-checks.js';
import { describeFetchError } from '../../../src/gates/functional/http-request.js';
import type { HttpCheck } from '../../../src/gates/functional/test-spec-schema.js';

const login: HttpCheck = {
  name: 'GET /login',
  method: 'GET',
  path: '/login',
  port: undefined,
  status: 200,
  body: '<title>Sign in \\[Jenkins\\]</title>',
  headers: { 'X-Jenkins': '^2\\.\\d+' },
  retries: 3,
  intervalMs: 1000,
  timeoutMs: 5000,
};

const answer = (status: number, body: string, headers: Record<string, string>) => ({
  status,
  body,
  headers: new Headers(headers),
});

describe('describeHttpMismatch', () => {
  it('passes a matching answer (header names are case-insensitive)', () => {
    const ok = answer(200, '<html><head><title>Sign in [Jenkins]</title>', { 'x-jenkins': '2.462.3' });
    expect(describeHttpMismatch(login, ok)).toBeUndefined();
  });

  it('reports the status first, then the body, then headers', () => {
    expect(describeHttpMismatch(login, answer(404, '', {}))).toBe('expected status 200, got 404');
    expect(describeHttpMismatch(login, answer(200, 'Please wait while Jenkins is getting ready', {}))).toBe(
      'expected body matching /<title>Sign in \\[Jenkins\\]</title>/, got "Please wait while Jenkins is getting ready"',
    );
    const page = '<title>Sign in [Jenkins]</title>';
    expect(describeHttpMismatch(login, answer(200, page, {}))).toBe(
      'expected header X-Jenkins matching /^2\\.\\d+/, header missing',
    );
    expect(describeHttpMismatch(login, answer(200, page, { 'X-Jenkins': '1.651' }))).toBe(
      'expected header X-Jenkins matching /^2\\.\\d+/, got "1.651"',
    );
  });
});

describe('describeFetchError', () => {
  it('words connection failures and timeouts', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const closed = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeFetchError(refused, 5000)).toBe('connection refused');
    expect(describeFetchError(closed, 5000)).toBe('connection closed without an answer');
    expect(describeFetchError(timeout, 5000)).toBe('no answer within 5s');
    expect(describeFetchError(new TypeError('fetch failed', { cause: new Error('bad port') }), 5000)).toBe(
      'bad port',
    );
  });
});
