// What one build attempt needs and returns, whichever builder (BuildKit or legacy) runs it.
import type { ImageConfig } from '../config/types.js';
import type { CacheFigures, StepResult } from '../report/report-types.js';
import type { ClassifiedError } from './classified-error.js';
import type { RunEventListener } from './events.js';
import type { NamedContext } from '../buildx/build-command.js';

export interface AttemptInput {
  image: ImageConfig;
  /** Named contexts pinning base images produced earlier in this run. */
  contexts: NamedContext[];
  /** --cache-from / --cache-to flags for this image. */
  cacheArgs: string[];
  /** Directory for this run's scratch files (metadata, iid files, rewritten Dockerfiles). */
  workDir: string;
  attempt: number;
  builder: string | undefined;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  onEvent: RunEventListener;
  /** Replaces known secret values in any text that leaves the attempt. */
  redact: (text: string) => string;
}

export interface AttemptOutcome {
  ok: boolean;
  error: ClassifiedError | undefined;
  steps: StepResult[];
  cache: CacheFigures;
  digest: string | undefined;
  imageId: string | undefined;
  buildRef: string | undefined;
  warnings: string[];
  durationMs: number;
}

export const emptyCacheFigures: CacheFigures = {
  totalSteps: 0,
  cachedSteps: 0,
  hitRatio: 0,
  vertexTotal: 0,
  vertexCached: 0,
};
