// Verifies the cosign signatures of an image with a public key, offline unless a transparency log is
// asked for. Used right after signing and on its own (e.g. before promoting a digest).
import { z } from 'zod';
import { exec, isSuccess } from '../../exec/exec.js';
import { ErrorCode } from '../../errors/codes.js';
import { classifyCosignFailure, formatCosignFailure, getCosignVerifyCommand } from './cosign-command.js';

export interface VerifyImageInput {
  /** repository@sha256:... (a tag is resolved by cosign, but only a digest says what was checked). */
  reference: string;
  /** Public key file or KMS URI. */
  publicKey: string;
  tlog: boolean;
  allowHttpRegistry: boolean;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  timeoutMs: number;
}

export interface VerifyImageResult {
  ok: boolean;
  message: string;
  /** Signatures cosign verified for this digest. */
  signatures: number;
}

/** One entry of `cosign verify --output json`: the signed payload (simple signing format). */
const verifiedSignatureSchema = z.object({
  critical: z
    .object({
      identity: z.object({ 'docker-reference': z.string().optional() }).nullish(),
      image: z.object({ 'docker-manifest-digest': z.string().optional() }).nullish(),
      type: z.string().optional(),
    })
    .nullish(),
  optional: z.record(z.string(), z.unknown()).nullish(),
});

export type VerifiedSignature = z.infer<typeof verifiedSignatureSchema>;

/**
 * The signatures in cosign verify's stdout, or undefined when it is not the JSON array cosign prints
 * (cosign 3 puts an empty line before it). Entries of an unknown shape are skipped, not fatal.
 */
export function parseVerifyOutput(stdout: string): VerifiedSignature[] | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout.trim());
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((entry) => {
    const parsed = verifiedSignatureSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The sha256:... part of repository@sha256:..., if any. */
function digestOf(reference: string): string | undefined {
  return /@(sha256:[0-9a-f]{64})$/.exec(reference)?.[1];
}

export async function verifyImage(input: VerifyImageInput): Promise<VerifyImageResult> {
  const command = getCosignVerifyCommand(input);
  const result = await exec(command.command, command.args, {
    env: input.env,
    timeoutMs: input.timeoutMs,
    signal: input.signal,
  });
  if (!isSuccess(result)) {
    const failure = classifyCosignFailure('verify', result, input.timeoutMs);
    const aboutKey = failure.reason === 'signature-mismatch' || failure.reason === 'bad-key';
    const message = formatCosignFailure(failure, aboutKey ? ` (${input.publicKey})` : '');
    return { ok: false, message, signatures: 0 };
  }
  const entries = parseVerifyOutput(result.stdout);
  if (entries === undefined) {
    // cosign exits non-zero whenever verification fails, so exit 0 stands even if the JSON changed.
    return { ok: true, message: `verified ${input.reference} with ${input.publicKey}`, signatures: 0 };
  }
  const digest = digestOf(input.reference);
  const matching = entries.filter(
    (entry) => digest === undefined || entry.critical?.image?.['docker-manifest-digest'] === digest,
  );
  if (matching.length === 0) {
    return {
      ok: false,
      message: `${ErrorCode.VerifyFailed}: cosign verified no signature for ${digest ?? input.reference} (${entries.length} for other digests)`,
      signatures: 0,
    };
  }
  const plural = matching.length === 1 ? '' : 's';
  return {
    ok: true,
    message: `verified ${matching.length} signature${plural} of ${input.reference} with ${input.publicKey}`,
    signatures: matching.length,
  };
}
