// What a failed bake session means when no image has an error of its own: the builder went away
// (recorded: the engine SIGKILLed mid-bake), so every image failed with it; anything else is left to
// the image-by-image rebuild.
import { describe, expect, it } from 'vitest';
import { sessionFailure } from '../../../src/run/bake-batch.js';
import { FailureCode } from '../../../src/run/classify.js';
import { readFixture, trackFixture } from '../buildx/fixtures.js';

describe('sessionFailure', () => {
  it('the engine killed mid-bake: connection lost, transient, not blamed on the target bake named', () => {
    const { tracker, plainLines } = trackFixture('bake-engine-killed.rawjson');
    expect(tracker.vertexErrors()).toEqual([]);
    expect(sessionFailure(plainLines, 1)).toMatchObject({
      code: FailureCode.BuilderConnectionLost,
      kind: 'transient',
      message:
        'failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF',
    });
  });

  it('the daemon unreachable: builder unavailable', () => {
    const lines = readFixture('plain-daemon-unreachable.stderr.txt').split('\n');
    expect(sessionFailure(lines, 1)).toMatchObject({
      code: FailureCode.DaemonUnreachable,
      kind: 'builder-unavailable',
    });
  });

  it('anything else is no session failure', () => {
    expect(sessionFailure(['ERROR: something nobody has seen before'], 1)).toBeUndefined();
    expect(sessionFailure([], 1)).toBeUndefined();
  });
});
