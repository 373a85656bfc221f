// One AbortSignal for a whole run, fired by SIGINT/SIGTERM, the run timeout, or the caller's own
// signal — and the reason, so the report can say `cancelled` (interrupt) or `timeout`.

export type CancelReason = 'interrupt' | 'timeout' | 'fail-fast' | 'caller';

export interface RunCancellation {
  signal: AbortSignal;
  reason(): CancelReason | undefined;
  cancel(reason: CancelReason): void;
  dispose(): void;
}

export interface CancellationOptions {
  timeoutMs?: number;
  parent?: AbortSignal;
  /** Listen to SIGINT/SIGTERM (the CLI does; library callers usually pass their own signal). */
  handleSignals?: boolean;
}

export function createRunCancellation(options: CancellationOptions = {}): RunCancellation {
  const controller = new AbortController();
  let reason: CancelReason | undefined;
  const cancel = (why: CancelReason): void => {
    if (controller.signal.aborted) return;
    reason = why;
    controller.abort(new Error(`run ${why}`));
  };
  const onSignal = (): void => cancel('interrupt');
  const onParent = (): void => cancel('caller');
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => cancel('timeout'), options.timeoutMs);
  timer?.unref();
  if (options.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  if (options.parent?.aborted) onParent();
  options.parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    reason: () => reason,
    cancel,
    dispose: () => {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      options.parent?.removeEventListener('abort', onParent);
    },
  };
}
