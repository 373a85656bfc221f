import { describe, expect, it } from 'vitest';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import { resolvePushTarget } from '../../../src/metrics/pushgateway-url.js';

describe('resolvePushTarget', () => {
  it.each([
    ['http://pushgateway:9091', 'imageforge', {}, 'http://pushgateway:9091/metrics/job/imageforge'],
    ['http://pushgateway:9091/', 'imageforge', {}, 'http://pushgateway:9091/metrics/job/imageforge'],
    [
      'https://monitoring.example.com/pushgateway/',
      'imageforge',
      { instance: 'ci-1', branch: 'main' },
      'https://monitoring.example.com/pushgateway/metrics/job/imageforge/instance/ci-1/branch/main',
    ],
    // Values a path segment cannot hold go base64url-encoded, as the Pushgateway documents.
    [
      'http://pg:9091',
      'imageforge',
      { branch: 'feature/metrics' },
      'http://pg:9091/metrics/job/imageforge/branch@base64/ZmVhdHVyZS9tZXRyaWNz',
    ],
    [
      'http://pg:9091',
      'imageforge',
      { instance: '' },
      'http://pg:9091/metrics/job/imageforge/instance@base64/=',
    ],
    ['http://pg:9091', 'image forge', { host: 'a b' }, 'http://pg:9091/metrics/job/image%20forge/host/a%20b'],
    ['http://pg:9091?x=1#y', 'imageforge', {}, 'http://pg:9091/metrics/job/imageforge'],
  ])('%s job=%s %j → %s', (base, job, grouping, expected) => {
    expect(resolvePushTarget(base, job, grouping)).toEqual({ url: expected, authorization: undefined });
  });

  it('moves credentials from the URL into a Basic authorization header', () => {
    const target = resolvePushTarget('https://ci:s%3Acret@pg.example.com', 'imageforge');

    expect(target.url).toBe('https://pg.example.com/metrics/job/imageforge');
    expect(target.authorization).toBe(`Basic ${Buffer.from('ci:s:cret').toString('base64')}`);
  });

  it.each([
    ['not a url', 'imageforge', {}, 'the Pushgateway URL is not a valid URL'],
    ['ftp://pg:9091', 'imageforge', {}, 'Pushgateway URL ftp://pg:9091/ must start with http:// or https://'],
    ['http://pg:9091', '', {}, 'the Pushgateway job name must not be empty'],
    ['http://pg:9091', 'imageforge', { 'bad-name': 'x' }, 'grouping label name "bad-name" is not valid'],
    ['http://pg:9091', 'imageforge', { job: 'x' }, 'grouping label name "job" is not valid'],
  ])('rejects %s job=%s %j', (base, job, grouping, message) => {
    let caught: unknown;
    try {
      resolvePushTarget(base, job, grouping);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImageforgeError);
    expect(caught).toMatchObject({ code: 'IMAGEFORGE_PUSHGATEWAY_FAILED', category: 'usage', message });
  });

  it('never shows credentials of an unusable URL', () => {
    expect(() => resolvePushTarget('ftp://user:hunter2@pg', 'imageforge')).toThrow(
      'Pushgateway URL ftp://pg/ must start with http:// or https://',
    );
  });
});
