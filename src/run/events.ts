// Events a run emits while it works. Progress renderers, the report and (later) metrics all consume
// this one stream; nothing else is shared between the runner and its observers.
import type { ClassifiedError } from './classified-error.js';
import type { ImageResult } from '../report/report-types.js';

export type BuildMethod = 'buildkit' | 'legacy';

/** The verification stages an image goes through after it built, before anything is pushed. */
export type GateName = 'test' | 'vulnerabilities' | 'secrets' | 'sbom' | 'sign';

export interface StepProgress {
  /** Position among cacheable steps seen so far (1-based) and the total known for the image. */
  current: number;
  total: number;
  name: string;
  cached: boolean;
  done: boolean;
}

export type RunEvent =
  | { type: 'run-started'; runId: string; images: string[]; at: number }
  | { type: 'image-queued'; image: string; at: number }
  | { type: 'image-started'; image: string; attempt: number; method: BuildMethod; at: number }
  | { type: 'image-step'; image: string; step: StepProgress; at: number }
  | { type: 'image-log'; image: string; line: string; at: number }
  | {
      type: 'image-retry';
      image: string;
      attempt: number;
      delayMs: number;
      error: ClassifiedError;
      at: number;
    }
  | { type: 'image-finished'; image: string; result: ImageResult; at: number }
  | { type: 'gate-started'; image: string; gate: GateName; at: number }
  | {
      type: 'gate-finished';
      image: string;
      gate: GateName;
      status: 'passed' | 'failed' | 'error' | 'skipped';
      /** One line: "9 checks passed", "failed: 2 blocking at or above CRITICAL". */
      summary: string;
      at: number;
    }
  | { type: 'push-started'; image: string; at: number }
  | { type: 'push-finished'; image: string; ok: boolean; at: number }
  | { type: 'warning'; image?: string; message: string; at: number }
  | { type: 'run-finished'; status: string; at: number };

export type RunEventListener = (event: RunEvent) => void;
