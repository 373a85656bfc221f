// What every check of one image-test session shares: the engine client, the labels of its
// containers, the run's abort signal, and where the session is now (named when it is cancelled).
import type { ContainerClient } from '../../docker/container-client.js';
import type { TestCheck } from '../gate-report.js';

export interface TestStage {
  kind: TestCheck['kind'];
  name: string;
  startedAt: number;
}

export interface TestContext {
  image: string;
  client: ContainerClient;
  /** Put on every container the session creates. */
  labels: Record<string, string>;
  /** Aborted on cancellation or when the run's deadline passes. */
  signal: AbortSignal;
  /** The step in progress, reported when the session is cancelled or times out. */
  stage: TestStage;
  record(check: TestCheck): void;
}

/** Marks the step that starts now; returns its start time. */
export function enterStage(context: TestContext, kind: TestCheck['kind'], name: string): number {
  const startedAt = Date.now();
  context.stage = { kind, name, startedAt };
  return startedAt;
}
