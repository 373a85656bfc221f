// Loads the recorded real buildx outputs in test/fixtures/buildx (its README says how each was made).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitRawjsonOutput, type SolveStatus } from '../../../src/buildx/rawjson.js';
import { ProgressTracker, type TrackerChange } from '../../../src/buildx/progress-tracker.js';

const fixtureDir = new URL('../../fixtures/buildx/', import.meta.url);

export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, fixtureDir)), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}

export function fixtureStatuses(name: string): SolveStatus[] {
  return splitRawjsonOutput(readFixture(name)).statuses;
}

export interface TrackedFixture {
  tracker: ProgressTracker;
  changes: TrackerChange[];
  plainLines: string[];
}

/** Replays a recorded rawjson stderr through a fresh tracker, as buildkit-attempt does live. */
export function trackFixture(name: string, options?: { logTailLines?: number }): TrackedFixture {
  const output = splitRawjsonOutput(readFixture(name));
  const tracker = new ProgressTracker(options);
  const changes = output.statuses.flatMap((status) => tracker.update(status));
  return { tracker, changes, plainLines: output.plainLines };
}
