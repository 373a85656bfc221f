// Signs a pushed digest with a cosign key pair and verifies it straight away with the public key, so
// a report only says "verified" for a signature that anyone holding the public key can check.
import { exec, isSuccess, type ExecResult } from '../../exec/exec.js';
import { ErrorCode } from '../../errors/codes.js';
import { redactSecrets } from '../../report/redact.js';
import type { SignatureResult } from '../gate-report.js';
import {
  COSIGN_PASSWORD_ENV,
  classifyCosignFailure,
  formatCosignFailure,
  getCosignSignCommand,
  getCosignTreeCommand,
  type CosignFailureReason,
} from './cosign-command.js';
import type { SignInput, SigningConfig } from './signing.js';
import { verifyImage } from './verify-image.js';

const DIGEST_REFERENCE = /^(?<repository>[^\s@]+)@sha256:[0-9a-f]{64}$/;

/** repository@sha256:<64 hex>, without a tag: what gets signed is exactly what was pushed. */
export function isDigestReference(reference: string): boolean {
  const repository = DIGEST_REFERENCE.exec(reference)?.groups?.repository;
  if (repository === undefined) return false;
  const name = repository.split('/').at(-1) ?? '';
  return name !== '' && !name.includes(':');
}

/** cosign.key → cosign.pub; a KMS URI holds both halves, so it verifies as itself. */
export function defaultPublicKey(key: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) return key;
  return key.endsWith('.key') ? `${key.slice(0, -'.key'.length)}.pub` : `${key}.pub`;
}

/** Signature references in `cosign tree` output: OCI referrers of cosign's sign type, legacy .sig tags. */
export function parseSignatureReferences(treeStdout: string): string[] {
  const pattern =
    /(?:https:\/\/sigstore\.dev\/cosign\/sign\/v1 artifacts via OCI referrer|Signatures for an image tag):\s*(\S+)/;
  return treeStdout.split('\n').flatMap((line) => {
    const match = pattern.exec(line);
    return match?.[1] === undefined ? [] : [match[1]];
  });
}

export async function signImage(input: SignInput): Promise<SignatureResult> {
  const { config, reference } = input;
  const base = { reference, keyRef: config.key, tlog: config.tlog, verified: false };
  if (!isDigestReference(reference)) {
    const message =
      `${ErrorCode.SignFailed}: refusing to sign ${reference}: sign digests, never tags ` +
      '(expected repository@sha256:<64 hex>; a tag can move after it was signed)';
    return { ...base, status: 'failed', message };
  }
  const password = resolvePassword(config, input.env);
  const redact = (text: string): string =>
    password.value === undefined ? text : redactSecrets(text, [password.value]);
  const deadline = performance.now() + input.timeoutMs;
  const run = (command: { command: string; args: string[] }, env = input.env): Promise<ExecResult> =>
    exec(command.command, command.args, {
      env,
      signal: input.signal,
      timeoutMs: Math.max(1, Math.round(deadline - performance.now())),
    });
  const tree = getCosignTreeCommand({ reference, allowHttpRegistry: config.allowHttpRegistry });

  const before = await run(tree);
  if (before.spawnError !== undefined) {
    const failure = classifyCosignFailure('sign', before);
    return { ...base, status: 'failed', message: redact(formatCosignFailure(failure)) };
  }
  // The password reaches cosign only through its environment: never argv, never a message.
  const signed = await run(
    getCosignSignCommand({
      reference,
      key: config.key,
      tlog: config.tlog,
      allowHttpRegistry: config.allowHttpRegistry,
    }),
    { ...input.env, [COSIGN_PASSWORD_ENV]: password.value ?? '' },
  );
  if (!isSuccess(signed)) {
    const failure = classifyCosignFailure('sign', signed, input.timeoutMs);
    const context = keyContext(failure.reason, config.key, password);
    return { ...base, status: 'failed', message: redact(formatCosignFailure(failure, context)) };
  }

  const publicKey = config.publicKey ?? defaultPublicKey(config.key);
  const [verification, after] = await Promise.all([
    verifyImage({
      reference,
      publicKey,
      tlog: config.tlog,
      allowHttpRegistry: config.allowHttpRegistry,
      env: input.env,
      signal: input.signal,
      timeoutMs: Math.max(1, Math.round(deadline - performance.now())),
    }),
    run(tree),
  ]);
  const signatureRef = addedSignature(before, after);
  if (!verification.ok) {
    return { ...base, status: 'failed', signatureRef, message: redact(verification.message) };
  }
  return {
    ...base,
    status: 'verified',
    verified: true,
    signatureRef,
    message: redact(`signed and ${verification.message}`),
  };
}

function resolvePassword(
  config: SigningConfig,
  env: Record<string, string | undefined>,
): { variable: string; value: string | undefined } {
  const variable = config.passwordEnv ?? COSIGN_PASSWORD_ENV;
  return { variable, value: env[variable] ?? process.env[variable] };
}

/** Names the key (and where its password came from, never the password) when the key is the problem. */
function keyContext(
  reason: CosignFailureReason,
  key: string,
  password: { variable: string; value: string | undefined },
): string {
  if (reason === 'bad-key') return ` (${key})`;
  if (reason !== 'wrong-password') return '';
  return ` (${key}, password from ${password.variable}${password.value === undefined ? ', which is not set' : ''})`;
}

/**
 * The signature this run attached: the one reference `cosign tree` lists after signing but not
 * before. cosign sign does not print it, and with OCI referrers it is a digest nobody can predict.
 */
function addedSignature(before: ExecResult, after: ExecResult): string | undefined {
  if (!isSuccess(after)) return undefined;
  const known = new Set(isSuccess(before) ? parseSignatureReferences(before.stdout) : []);
  const added = parseSignatureReferences(after.stdout).filter((ref) => !known.has(ref));
  return added.length === 1 ? added[0] : undefined;
}
