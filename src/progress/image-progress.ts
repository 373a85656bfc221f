// What the live display knows about each image, folded from the RunEvent stream. Kept apart from the
// drawing so the state transitions can be read (and tested) without a terminal.
import type { ImageResult } from '../report/report-types.js';
import type { BuildMethod, RunEvent, StepProgress } from '../run/events.js';

export type ImagePhase =
  'queued' | 'starting' | 'building' | 'retrying' | 'verifying' | 'pushing' | 'finished';

export interface RetryWait {
  /** The attempt that will run after the delay. */
  attempt: number;
  delayMs: number;
  message: string;
  at: number;
}

export interface ImageProgress {
  name: string;
  phase: ImagePhase;
  attempt: number;
  method?: BuildMethod;
  /** When the first attempt started: elapsed time spans retries. */
  startedAt?: number;
  step?: StepProgress;
  retry?: RetryWait;
  push?: 'pushing' | 'pushed' | 'push-failed';
  /** The gate running now (test, vulnerabilities, ...), while verifying. */
  gate?: string;
  /** Gates that failed, shown once the image is finished. */
  failedGates?: string[];
  result?: ImageResult;
}

/** Still changing on screen: building, waiting to retry, or pushing after the build. */
export function isActive(image: ImageProgress): boolean {
  if (image.phase === 'verifying') return true;
  return image.phase !== 'finished' ? image.phase !== 'queued' : image.push === 'pushing';
}

/** Image name → progress, in the order the run announced the images. */
export type RunProgress = Map<string, ImageProgress>;

export function applyEvent(progress: RunProgress, event: RunEvent): void {
  if (event.type === 'run-started') {
    for (const name of event.images) imageIn(progress, name);
    return;
  }
  if (event.type === 'warning' || event.type === 'run-finished') return;
  const image = imageIn(progress, event.image);
  switch (event.type) {
    case 'image-queued':
      if (image.phase !== 'finished') image.phase = 'queued';
      break;
    case 'image-started':
      Object.assign(image, { phase: 'starting', attempt: event.attempt, method: event.method });
      image.startedAt ??= event.at;
      delete image.step;
      delete image.retry;
      break;
    case 'image-step':
      image.step = event.step;
      if (image.phase !== 'finished') image.phase = 'building';
      break;
    case 'image-retry':
      // Pushes run after the build finished; a push retry must not make a built image look unfinished.
      if (image.phase !== 'finished') image.phase = 'retrying';
      image.retry = {
        attempt: event.attempt,
        delayMs: event.delayMs,
        message: event.error.message,
        at: event.at,
      };
      break;
    case 'push-started':
      image.push = 'pushing';
      if (image.phase !== 'finished') image.phase = 'pushing';
      break;
    case 'push-finished':
      image.push = event.ok ? 'pushed' : 'push-failed';
      delete image.retry;
      break;
    case 'image-finished':
      image.phase = 'finished';
      image.result = event.result;
      break;
    case 'gate-started':
      image.phase = 'verifying';
      image.gate = event.gate;
      break;
    case 'gate-finished':
      image.phase = 'finished';
      delete image.gate;
      if (event.status === 'failed') image.failedGates = [...(image.failedGates ?? []), event.gate];
      break;
    case 'image-log':
      break;
  }
}

function imageIn(progress: RunProgress, name: string): ImageProgress {
  let image = progress.get(name);
  if (image === undefined) {
    image = { name, phase: 'queued', attempt: 0 };
    progress.set(name, image);
  }
  return image;
}
