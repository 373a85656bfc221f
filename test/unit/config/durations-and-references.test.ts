import { describe, expect, it } from 'vitest';
import { checkImageReference, checkPlatform, parseDuration } from '../../../src/config/index.js';
import { ErrorCode } from '../../../src/errors/codes.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['2d', 172_800_000],
    ['45', 45_000],
    [90, 90_000],
    [0.25, 250],
  ] as const)('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '5 minutes', '1x', '-3s', '10m5'])('rejects %j with a config error', (text) => {
    const error: unknown = (() => {
      try {
        return parseDuration(text);
      } catch (thrown: unknown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ code: ErrorCode.ConfigInvalid, category: 'config' });
  });

  it('rejects negative numbers', () => {
    expect(() => parseDuration(-1)).toThrow(/invalid duration -1/);
  });
});

describe('checkImageReference', () => {
  it.each([
    'app',
    'app:latest',
    'jenkins/controller:2.4',
    'localhost:5000/jenkins/controller:2.4-jdk17',
    'registry.example.com/team/sub/app_name:v1.0.0',
    'Registry.Example.com/team/app:1',
    '[::1]:5000/app:1',
    'a__b/c--d:_tag',
  ])('accepts %s', (reference) => {
    expect(checkImageReference(reference)).toBeUndefined();
  });

  it.each([
    ['Team/App', 'repository name must be lowercase'],
    ['app:', 'not a valid image reference'],
    ['app:.bad', 'not a valid image reference'],
    [`app:${'x'.repeat(129)}`, 'not a valid image reference'],
    ['-app', 'not a valid image reference'],
    ['app@sha256:0123', 'digests cannot be used'],
    ['has space:1', 'not a valid image reference'],
  ])('rejects %s', (reference, problem) => {
    expect(checkImageReference(reference)).toContain(problem);
  });
});

describe('checkPlatform', () => {
  it.each(['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'windows/amd64'])('accepts %s', (platform) => {
    expect(checkPlatform(platform)).toBeUndefined();
  });
  it.each(['linux', 'linux/', 'Linux/AMD64', 'linux/arm64/v8/x'])('rejects %s', (platform) => {
    expect(checkPlatform(platform)).toBeDefined();
  });
});
