// Every container the image tests create carries these labels, so a run (or one session inside it)
// can always find and remove its containers: after each test, on Ctrl-C, or after a crash.
import { randomBytes } from 'node:crypto';

export const TEST_LABEL = 'io.imageforge.test';
export const RUN_LABEL = 'io.imageforge.run';
export const SESSION_LABEL = 'io.imageforge.session';

/** A fresh id for one `runImageTests` call (one image). */
export function createSessionId(): string {
  return randomBytes(8).toString('hex');
}

export function containerLabels(runId: string, sessionId: string): Record<string, string> {
  return { [TEST_LABEL]: 'true', [RUN_LABEL]: runId, [SESSION_LABEL]: sessionId };
}
