// Turns progress-tracker changes into run events and redacted step records; shared by single-image
// builds and bake batches so both report progress identically.
import type { ProgressTracker, TrackerChange } from '../buildx/progress-tracker.js';
import type { StepResult } from '../report/report-types.js';
import type { RunEventListener } from './events.js';

export function emitTrackerChanges(
  tracker: ProgressTracker,
  changes: TrackerChange[],
  image: string,
  onEvent: RunEventListener,
  redact: (text: string) => string,
): void {
  for (const change of changes) {
    const at = Date.now();
    if (change.kind === 'log') {
      onEvent({ type: 'image-log', image, line: redact(change.line), at });
      continue;
    }
    const counter = tracker.stepCounter();
    onEvent({
      type: 'image-step',
      image,
      at,
      step: {
        current: counter.current,
        total: counter.total,
        name: redact(change.step.name),
        cached: change.kind === 'step-cached',
        done: change.kind !== 'step-started',
      },
    });
  }
}

export function redactedSteps(tracker: ProgressTracker, redact: (text: string) => string): StepResult[] {
  return tracker.steps().map((step) => ({
    ...step,
    name: redact(step.name),
    ...(step.error !== undefined ? { error: redact(step.error) } : {}),
    ...(step.logTail ? { logTail: step.logTail.map(redact) } : {}),
  }));
}
