// The publish phase: pushes every selected image only when all of them built and passed their gates,
// so a pipeline never leaves a half-published (or unverified) set behind.
import type { ImageResult } from '../report/report-types.js';
import type { BuildPlan } from '../plan/plan.js';
import type { RunEventListener } from './events.js';
import { pushImage } from './push-phase.js';

export interface PublishSetInput {
  plan: BuildPlan;
  results: Map<string, ImageResult>;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  onEvent: RunEventListener;
  redact: (text: string) => string;
}

export async function publishSet(input: PublishSetInput): Promise<void> {
  const { plan, results } = input;
  const ready = (result: ImageResult | undefined): boolean =>
    result?.status === 'built' || result?.upToDate === true;
  const notBuilt = plan.order.filter((name) => !ready(results.get(name)));
  const gateFailed = plan.order.filter((name) => results.get(name)?.gates?.status === 'failed');
  if (notBuilt.length > 0 || gateFailed.length > 0 || input.signal.aborted) {
    const why =
      notBuilt.length > 0
        ? `not published: ${notBuilt.join(', ')} did not build`
        : gateFailed.length > 0
          ? `not published: gates failed for ${gateFailed.join(', ')}`
          : 'not published: run cancelled';
    for (const name of plan.order) {
      const result = results.get(name);
      if (!result || !ready(result)) continue;
      results.set(name, {
        ...result,
        push: { status: 'skipped', attempts: [], durationMs: 0 },
        warnings: [...result.warnings, why],
      });
    }
    input.onEvent({ type: 'warning', message: why, at: Date.now() });
    return;
  }
  for (const name of plan.order) {
    const result = results.get(name);
    const planned = plan.images[name];
    if (!result || !planned) continue;
    if (input.signal.aborted) {
      results.set(name, { ...result, push: { status: 'skipped', attempts: [], durationMs: 0 } });
      continue;
    }
    const push = await pushImage({
      image: name,
      tags: planned.image.tags,
      retry: planned.image.retry,
      env: input.env,
      signal: input.signal,
      timeoutMs: planned.image.timeoutMs,
      onEvent: input.onEvent,
      redact: input.redact,
    });
    results.set(name, { ...result, push });
  }
}
