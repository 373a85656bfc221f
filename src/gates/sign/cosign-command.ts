// What imageforge knows about the cosign CLI: the exact argv of each subcommand (pure, so it can be
// shown and unit-tested as is) and what cosign's stderr means when it fails. The key password is
// never an argument: the runner hands it to cosign through the COSIGN_PASSWORD environment variable.
import type { Command } from '../../buildx/build-command.js';
import { ErrorCode } from '../../errors/codes.js';
import type { ExecResult } from '../../exec/exec.js';

export const COSIGN = 'cosign';

/** The only channel for the key password; cosign reads it instead of prompting on a terminal. */
export const COSIGN_PASSWORD_ENV = 'COSIGN_PASSWORD';

export const INSTALL_COSIGN_HINT = 'install cosign (Debian: apt-get install cosign)';

export interface CosignRegistryOptions {
  /** Plain-HTTP registries such as localhost:5000. */
  allowHttpRegistry: boolean;
}

export interface CosignSignOptions extends CosignRegistryOptions {
  /** repository@sha256:... */
  reference: string;
  /** Private key file or KMS URI. */
  key: string;
  /** Upload to the transparency log (Rekor) through cosign's TUF-provided signing config. */
  tlog: boolean;
}

export interface CosignVerifyOptions extends CosignRegistryOptions {
  reference: string;
  /** Public key file or KMS URI. */
  publicKey: string;
  /** Require a transparency log entry; off for signatures made offline. */
  tlog: boolean;
}

/**
 * `cosign sign`. Offline (tlog false), cosign 3 needs both --use-signing-config=false (otherwise it
 * fetches the signing config from the Sigstore TUF repository over the network) and
 * --tlog-upload=false (otherwise it uploads to Rekor); cosign 3 rejects --tlog-upload=false while a
 * signing config is in use. --tlog-upload is deprecated in favour of a signing-config file without
 * Rekor, but `--signing-config <file>` still contacts TUF for the trusted root (measured, cosign
 * 3.1.1), which an offline installation cannot reach. The signature is stored in cosign 3's default
 * format: a Sigstore bundle attached as an OCI 1.1 referrer of the digest.
 */
export function getCosignSignCommand(options: CosignSignOptions): Command {
  const args = ['sign', '--key', options.key, '--yes'];
  if (!options.tlog) args.push('--use-signing-config=false', '--tlog-upload=false');
  if (options.allowHttpRegistry) args.push('--allow-http-registry');
  args.push(options.reference);
  return { command: COSIGN, args };
}

/** `cosign verify`: JSON on stdout (one entry per verified signature), checks on stderr. */
export function getCosignVerifyCommand(options: CosignVerifyOptions): Command {
  const args = ['verify', '--key', options.publicKey, '--output', 'json'];
  if (!options.tlog) args.push('--insecure-ignore-tlog=true');
  if (options.allowHttpRegistry) args.push('--allow-http-registry');
  args.push(options.reference);
  return { command: COSIGN, args };
}

/** `cosign tree`: lists the signatures attached to a digest (OCI referrers and legacy .sig tags). */
export function getCosignTreeCommand(options: CosignRegistryOptions & { reference: string }): Command {
  const args = ['tree'];
  if (options.allowHttpRegistry) args.push('--allow-http-registry');
  args.push(options.reference);
  return { command: COSIGN, args };
}

/** `cosign version --json`. Debian's build reports gitVersion "devel", so no semver gating. */
export function getCosignVersionCommand(): Command {
  return { command: COSIGN, args: ['version', '--json'] };
}

/**
 * `cosign generate-key-pair`: writes <prefix>.key (encrypted with COSIGN_PASSWORD) and <prefix>.pub
 * into the working directory. It prompts (and, without a terminal, fails) when they already exist.
 */
export function getCosignGenerateKeyPairCommand(options: { outputKeyPrefix?: string } = {}): Command {
  const args = ['generate-key-pair'];
  if (options.outputKeyPrefix !== undefined) args.push('--output-key-prefix', options.outputKeyPrefix);
  return { command: COSIGN, args };
}

export type CosignPhase = 'sign' | 'verify';

export type CosignFailureReason =
  | 'not-installed'
  | 'timeout'
  | 'cancelled'
  | 'wrong-password'
  | 'bad-key'
  | 'registry-auth'
  | 'registry-unreachable'
  | 'image-not-found'
  | 'no-signatures'
  | 'signature-mismatch'
  | 'failed';

export interface CosignFailure {
  reason: CosignFailureReason;
  /** Stable error code, e.g. IMAGEFORGE_SIGN_FAILED. */
  code: string;
  /** What went wrong, in the user's words. */
  summary: string;
  /** cosign's own error line (the stderr tail). */
  detail: string;
  hint: string | undefined;
}

interface StderrRule {
  reason: CosignFailureReason;
  pattern: RegExp;
  summary: string;
  hint?: string;
}

/** First match wins: "reading key: decrypt" is a password problem before it is a key problem. */
const STDERR_RULES: readonly StderrRule[] = [
  {
    reason: 'wrong-password',
    pattern: /decrypt: .*decryption failed/,
    summary: 'wrong password for the private key',
    hint: 'set the variable named by settings.sign.passwordEnv (default COSIGN_PASSWORD) to the key password',
  },
  {
    reason: 'wrong-password',
    pattern: /inappropriate ioctl for device|password.*(prompt|terminal)/i,
    summary: 'the private key needs a password and none was given',
    hint: 'set the variable named by settings.sign.passwordEnv (default COSIGN_PASSWORD) to the key password',
  },
  {
    reason: 'bad-key',
    pattern: /reading key:|loading public key|invalid pem block|unsupported pem type|PEM decoding failed/i,
    summary: 'cannot use the key',
    hint: 'point settings.sign.key / publicKey at a cosign key pair (cosign generate-key-pair)',
  },
  {
    reason: 'registry-auth',
    pattern: /UNAUTHORIZED|authentication required|DENIED|403 Forbidden/,
    summary: 'the registry refused access',
    hint: 'log in with `docker login` (cosign reads DOCKER_CONFIG like docker)',
  },
  {
    reason: 'registry-unreachable',
    pattern:
      /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|HTTP response to HTTPS client|x509:/,
    summary: 'registry unreachable',
    hint: 'is the registry running? plain-HTTP registries need settings.sign.allowHttpRegistry',
  },
  {
    reason: 'image-not-found',
    pattern: /MANIFEST_UNKNOWN|NAME_UNKNOWN|404 Not Found/,
    summary: 'the digest is not in the registry',
    hint: 'sign the digest that was pushed to this repository',
  },
  {
    reason: 'no-signatures',
    pattern: /no signatures found/,
    summary: 'no signatures found',
    hint: 'the image was not signed (or the signature was pushed to another repository)',
  },
  {
    reason: 'signature-mismatch',
    pattern:
      /no matching (signatures|attestations)|do not match threshold|invalid signature|failed to verify/,
    summary: 'the signature does not verify with this public key',
    hint: 'verify with the public key of the key pair that signed (settings.sign.publicKey)',
  },
];

/** Reads a failed cosign run: why it failed, with cosign's own error line and a hint. */
export function classifyCosignFailure(
  phase: CosignPhase,
  result: Pick<ExecResult, 'stderr' | 'timedOut' | 'cancelled' | 'spawnError' | 'exitCode' | 'durationMs'>,
  timeoutMs?: number,
): CosignFailure {
  const code = phase === 'sign' ? ErrorCode.SignFailed : ErrorCode.VerifyFailed;
  if (result.spawnError !== undefined) {
    return {
      reason: 'not-installed',
      code: ErrorCode.CosignMissing,
      summary: 'cannot run cosign',
      detail: result.spawnError,
      hint: INSTALL_COSIGN_HINT,
    };
  }
  const detail = cosignErrorLine(result.stderr);
  if (result.cancelled) {
    return {
      reason: 'cancelled',
      code: ErrorCode.Cancelled,
      summary: `cosign ${phase} cancelled`,
      detail,
      hint: undefined,
    };
  }
  if (result.timedOut) {
    const limit = timeoutMs ?? Math.round(result.durationMs);
    const summary = `cosign ${phase} did not finish within ${limit}ms`;
    return { reason: 'timeout', code, summary, detail, hint: 'raise the gate timeout or check the registry' };
  }
  const rule = STDERR_RULES.find((candidate) => candidate.pattern.test(result.stderr));
  if (rule) return { reason: rule.reason, code, summary: rule.summary, detail, hint: rule.hint };
  const exit = result.exitCode === undefined ? 'was killed' : `exited with ${result.exitCode}`;
  return { reason: 'failed', code, summary: `cosign ${phase} ${exit}`, detail, hint: undefined };
}

/** `CODE: summary: cosign's error (hint: ...)` on one line. */
export function formatCosignFailure(failure: CosignFailure, context = ''): string {
  const detail = failure.detail === '' || failure.detail === failure.summary ? '' : `: ${failure.detail}`;
  const hint = failure.hint === undefined ? '' : ` (hint: ${failure.hint})`;
  return `${failure.code}: ${failure.summary}${context}${detail}${hint}`;
}

const MAX_DETAIL_LENGTH = 400;

/** Noise cosign prints on every run, never the reason for a failure. */
const NOISE = [/^Flag --\S+ has been deprecated/, /^WARNING: /, /^error during command execution: /];

/** cosign's `Error: ...` line, else the last line that is not a warning; shortened to one line. */
export function cosignErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE.some((pattern) => pattern.test(line)));
  const errorLine = lines.findLast((line) => line.startsWith('Error: '));
  // "signing [<reference>]: " repeats what the result already names.
  const line = (errorLine ?? lines.at(-1) ?? '').replace(/^Error: /, '').replace(/^signing \[[^\]]*\]: /, '');
  return line.length > MAX_DETAIL_LENGTH ? `${line.slice(0, MAX_DETAIL_LENGTH)}…` : line;
}
