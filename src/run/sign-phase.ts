// Signs what was just published: each pushed image's digest in every repository it was pushed to,
// with cosign and the project's key pair, verified right after; a failed signature fails the run.
import type { ResolvedConfig } from '../config/types.js';
import type { ImageGates, SignatureResult } from '../gates/gate-report.js';
import type { ImageResult } from '../report/report-types.js';
import { repositoryOf } from '../plan/image-ref.js';
import type { RunEventListener } from './events.js';

export interface SignPhaseInput {
  config: ResolvedConfig;
  results: Map<string, ImageResult>;
  order: string[];
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  onEvent: RunEventListener;
}

export async function signPublished(input: SignPhaseInput): Promise<void> {
  const signing = input.config.settings.sign;
  if (signing === undefined) return;
  const { signImage } = await import('../gates/sign/sign-image.js');
  for (const name of input.order) {
    const result = input.results.get(name);
    const image = input.config.images[name];
    if (!result || !image?.sign || result.push.status !== 'pushed' || result.digest === undefined) continue;
    input.onEvent({ type: 'gate-started', image: name, gate: 'sign', at: Date.now() });
    const signatures: SignatureResult[] = [];
    for (const repository of new Set(image.tags.map(repositoryOf))) {
      if (input.signal.aborted) break;
      signatures.push(
        await signImage({
          reference: `${repository}@${result.digest}`,
          config: signing,
          env: input.env,
          signal: input.signal,
          timeoutMs: 120_000,
        }),
      );
    }
    const failed = signatures.filter((signature) => signature.status === 'failed');
    input.onEvent({
      type: 'gate-finished',
      image: name,
      gate: 'sign',
      status: failed.length > 0 ? 'failed' : 'passed',
      summary:
        failed.length > 0
          ? `signing failed: ${failed[0]?.message ?? ''}`
          : `${signatures.length} signature(s) ${signatures.every((s) => s.verified) ? 'signed and verified' : 'signed'}`,
      at: Date.now(),
    });
    const gates: ImageGates = { status: 'passed', ...result.gates, signatures };
    if (failed.length > 0) gates.status = 'failed';
    input.results.set(name, { ...result, gates });
  }
}
