// cosign argv, reference rules and failure classification, over stderr/stdout recorded from cosign
// 3.1.1 (Debian sid) against the project's plain-HTTP registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  classifyCosignFailure,
  cosignErrorLine,
  formatCosignFailure,
  getCosignGenerateKeyPairCommand,
  getCosignSignCommand,
  getCosignTreeCommand,
  getCosignVerifyCommand,
  getCosignVersionCommand,
  type CosignFailureReason,
  type CosignPhase,
} from '../../../src/gates/sign/cosign-command.js';
import {
  defaultPublicKey,
  isDigestReference,
  parseSignatureReferences,
  signImage,
} from '../../../src/gates/sign/sign-image.js';
import { parseVerifyOutput } from '../../../src/gates/sign/verify-image.js';
import type { SigningConfig } from '../../../src/gates/sign/signing.js';

const HEX = '6604f4703655f4b6b4185ec52cd4d91aaf2c0f88e0364b961021b3ea6c504cbe';
const REF = `localhost:5000/signtest/app@sha256:${HEX}`;

const DEPRECATED =
  'Flag --tlog-upload has been deprecated, prefer using a --signing-config file with no transparency log services';
const SKIP_TLOG =
  'WARNING: Skipping tlog verification is an insecure practice that lacks transparency and auditability verification for the signature.';
const twice = (line: string): string => `Error: ${line}\nerror during command execution: ${line}\n`;

/** Recorded stderr of failed cosign runs, with what imageforge must make of them. */
const RECORDED: Array<{ name: string; phase: CosignPhase; stderr: string; reason: CosignFailureReason }> = [
  {
    name: 'wrong password',
    phase: 'sign',
    reason: 'wrong-password',
    stderr: `${DEPRECATED}\n${twice(`signing [${REF}]: signing digest: getting keypair and token: getting signer: reading key: decrypt: encrypted: decryption failed`)}`,
  },
  {
    name: 'no password and no terminal',
    phase: 'sign',
    reason: 'wrong-password',
    stderr: `${DEPRECATED}\nEnter password for private key: ${twice(`signing [${REF}]: signing digest: getting keypair and token: getting signer: reading key: inappropriate ioctl for device`)}`,
  },
  {
    name: 'key file missing',
    phase: 'sign',
    reason: 'bad-key',
    stderr: `${DEPRECATED}\n${twice(`signing [${REF}]: signing digest: getting keypair and token: getting signer: reading key: open nope.key: no such file or directory`)}`,
  },
  {
    name: 'not a key',
    phase: 'sign',
    reason: 'bad-key',
    stderr: `${DEPRECATED}\n${twice(`signing [${REF}]: signing digest: getting keypair and token: getting signer: reading key: invalid pem block`)}`,
  },
  {
    name: 'public key given as private key',
    phase: 'sign',
    reason: 'bad-key',
    stderr: `${DEPRECATED}\n${twice(`signing [${REF}]: signing digest: getting keypair and token: getting signer: reading key: unsupported pem type: PUBLIC KEY`)}`,
  },
  {
    name: 'registry down (sign)',
    phase: 'sign',
    reason: 'registry-unreachable',
    stderr: `${DEPRECATED}\n${twice(`signing [localhost:5999/signtest/app@sha256:${HEX}]: accessing image: Get "https://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused; Get "http://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused`)}`,
  },
  {
    name: 'registry down (verify)',
    phase: 'verify',
    reason: 'registry-unreachable',
    stderr: `${SKIP_TLOG}\n${twice('Get "https://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused; Get "http://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused')}`,
  },
  {
    name: 'registry wants credentials',
    phase: 'sign',
    reason: 'registry-auth',
    stderr: `${DEPRECATED}\n${twice(`signing [localhost:5071/x/y@sha256:${HEX}]: accessing image: GET http://localhost:5071/v2/x/y/manifests/sha256:${HEX}: UNAUTHORIZED: authentication required; [map[Action:pull Class: Name:x/y Type:repository]]`)}`,
  },
  {
    name: 'digest not in the registry',
    phase: 'sign',
    reason: 'image-not-found',
    stderr: `${DEPRECATED}\nSigning artifact...\nPushing signature to: localhost:5000/signtest/app\n${twice(`signing [localhost:5000/signtest/app@sha256:${'0'.repeat(64)}]: signing digest: HEAD http://localhost:5000/v2/signtest/app/manifests/sha256:${'0'.repeat(64)}: unexpected status code 404 Not Found (HEAD responses have no body, use GET for details)`)}`,
  },
  {
    name: 'other key pair',
    phase: 'verify',
    reason: 'signature-mismatch',
    stderr: `${SKIP_TLOG}\n${twice('no matching attestations: failed to verify signature: could not verify envelope: accepted signatures do not match threshold, Found: 0, Expected 1')}`,
  },
  {
    name: 'unsigned image',
    phase: 'verify',
    reason: 'no-signatures',
    stderr: `${SKIP_TLOG}\n${twice('no signatures found')}`,
  },
  {
    name: 'unreadable public key',
    phase: 'verify',
    reason: 'bad-key',
    stderr: `${SKIP_TLOG}\n${twice('loading verifier from key opts: loading public key: pem to public key: PEM decoding failed')}`,
  },
  {
    name: 'something new',
    phase: 'verify',
    reason: 'failed',
    stderr: 'Error: the moon is in the wrong phase\n',
  },
];

const failed = { timedOut: false, cancelled: false, spawnError: undefined, exitCode: 1, durationMs: 40 };

describe('cosign argv', () => {
  it('signs offline: no signing config from TUF, no Rekor upload, no prompt', () => {
    const command = getCosignSignCommand({
      reference: REF,
      key: '/p/cosign.key',
      tlog: false,
      allowHttpRegistry: true,
    });
    expect(command).toEqual({
      command: 'cosign',
      args: [
        'sign',
        '--key',
        '/p/cosign.key',
        '--yes',
        '--use-signing-config=false',
        '--tlog-upload=false',
        '--allow-http-registry',
        REF,
      ],
    });
  });

  it('keeps cosign defaults when a transparency log is wanted', () => {
    const command = getCosignSignCommand({
      reference: REF,
      key: 'awskms:///alias/k',
      tlog: true,
      allowHttpRegistry: false,
    });
    expect(command.args).toEqual(['sign', '--key', 'awskms:///alias/k', '--yes', REF]);
  });

  it('verifies offline with the public key and JSON output', () => {
    expect(
      getCosignVerifyCommand({
        reference: REF,
        publicKey: '/p/cosign.pub',
        tlog: false,
        allowHttpRegistry: true,
      }).args,
    ).toEqual([
      'verify',
      '--key',
      '/p/cosign.pub',
      '--output',
      'json',
      '--insecure-ignore-tlog=true',
      '--allow-http-registry',
      REF,
    ]);
    expect(
      getCosignVerifyCommand({ reference: REF, publicKey: 'k.pub', tlog: true, allowHttpRegistry: false })
        .args,
    ).toEqual(['verify', '--key', 'k.pub', '--output', 'json', REF]);
  });

  it('builds tree, version and generate-key-pair', () => {
    expect(getCosignTreeCommand({ reference: REF, allowHttpRegistry: true }).args).toEqual([
      'tree',
      '--allow-http-registry',
      REF,
    ]);
    expect(getCosignVersionCommand()).toEqual({ command: 'cosign', args: ['version', '--json'] });
    expect(getCosignGenerateKeyPairCommand().args).toEqual(['generate-key-pair']);
    expect(getCosignGenerateKeyPairCommand({ outputKeyPrefix: 'release' }).args).toEqual([
      'generate-key-pair',
      '--output-key-prefix',
      'release',
    ]);
  });
});

describe('references and keys', () => {
  it.each([
    [REF, true],
    [`registry.example.com:443/team/app@sha256:${HEX}`, true],
    [`app@sha256:${HEX}`, true],
    ['localhost:5000/signtest/app:latest', false],
    [`localhost:5000/signtest/app:v1@sha256:${HEX}`, false],
    [`localhost:5000/signtest/app@sha256:${HEX.slice(1)}`, false],
    [`localhost:5000/signtest/app@sha256:${HEX.toUpperCase()}`, false],
    [`localhost:5000/signtest/app@sha512:${HEX}${HEX}`, false],
    [`@sha256:${HEX}`, false],
  ])('%s is a digest reference: %s', (reference, expected) => {
    expect(isDigestReference(reference)).toBe(expected);
  });

  it('derives the public key from the private key', () => {
    expect(defaultPublicKey('/p/keys/cosign.key')).toBe('/p/keys/cosign.pub');
    expect(defaultPublicKey('/p/keys/release')).toBe('/p/keys/release.pub');
    expect(defaultPublicKey('gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k')).toBe(
      'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k',
    );
  });
});

describe('cosign failures', () => {
  it.each(RECORDED)('$name → $reason', ({ phase, stderr, reason }) => {
    const failure = classifyCosignFailure(phase, { ...failed, stderr });
    expect(failure.reason).toBe(reason);
    expect(failure.code).toBe(phase === 'sign' ? 'IMAGEFORGE_SIGN_FAILED' : 'IMAGEFORGE_VERIFY_FAILED');
    const message = formatCosignFailure(failure);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/deprecated|WARNING|error during command execution/);
    expect(message.split(failure.summary)).toHaveLength(2);
  });

  it('keeps cosign’s own error line as the detail', () => {
    const line = cosignErrorLine(RECORDED[0]?.stderr ?? '');
    expect(line).toBe(
      'signing digest: getting keypair and token: getting signer: reading key: decrypt: encrypted: decryption failed',
    );
    expect(cosignErrorLine(`${SKIP_TLOG}\nsomething odd\n`)).toBe('something odd');
    expect(cosignErrorLine(`Error: ${'x'.repeat(1000)}`).length).toBeLessThan(410);
  });

  it('tells a missing cosign, a timeout and a cancellation apart', () => {
    const missing = classifyCosignFailure('sign', {
      ...failed,
      exitCode: undefined,
      stderr: '',
      spawnError: 'spawn cosign ENOENT',
    });
    expect(formatCosignFailure(missing)).toBe(
      'IMAGEFORGE_COSIGN_MISSING: cannot run cosign: spawn cosign ENOENT (hint: install cosign (Debian: apt-get install cosign))',
    );
    const timeout = classifyCosignFailure(
      'verify',
      { ...failed, exitCode: undefined, stderr: '', timedOut: true },
      5000,
    );
    expect(formatCosignFailure(timeout)).toMatch(
      /^IMAGEFORGE_VERIFY_FAILED: cosign verify did not finish within 5000ms/,
    );
    const cancelled = classifyCosignFailure('sign', {
      ...failed,
      exitCode: undefined,
      stderr: '',
      cancelled: true,
    });
    expect(cancelled).toMatchObject({ reason: 'cancelled', code: 'IMAGEFORGE_CANCELLED' });
  });
});

describe('cosign output', () => {
  it('reads verify JSON (bundle format, and legacy with optional: null)', () => {
    const stdout =
      `\n[{"critical":{"identity":{"docker-reference":"${REF}"},"image":{"docker-manifest-digest":"sha256:${HEX}"},"type":"https://sigstore.dev/cosign/sign/v1"},"optional":{}},` +
      `{"critical":{"identity":{"docker-reference":"localhost:5000/signtest/app"},"image":{"docker-manifest-digest":"sha256:${HEX}"},"type":"cosign container image signature"},"optional":null},` +
      '"not a signature"]\n';
    const entries = parseVerifyOutput(stdout);
    expect(entries?.map((entry) => entry.critical?.image?.['docker-manifest-digest'])).toEqual([
      `sha256:${HEX}`,
      `sha256:${HEX}`,
    ]);
    expect(parseVerifyOutput('Verification for ... --')).toBeUndefined();
    expect(parseVerifyOutput('{"critical":{}}')).toBeUndefined();
  });

  it('finds the signatures cosign tree lists', () => {
    const stdout = [
      `📦 Supply Chain Security Related artifacts for an image: ${REF}`,
      `└── 🔐 Signatures for an image tag: localhost:5000/signtest/app:sha256-${HEX}.sig`,
      '   └── 🍒 sha256:aa53fea49ddc051568b2476a42909ffd4c793fe3c8167872f54eda78c54314b0',
      '└── 🔗 https://sigstore.dev/cosign/sign/v1 artifacts via OCI referrer: localhost:5000/signtest/app@sha256:737e8420d4c2c07f3882106312785552681c48972fed69b83ec9a203a6c9f096',
      '   └── 🍒 sha256:c8aa2458b4ba4ff39cbf1f46798a6fee24d69ca6a4ace555fcfaa880e1beda70',
      '└── 🔗 https://slsa.dev/provenance/v1 artifacts via OCI referrer: localhost:5000/signtest/app@sha256:1111111111111111111111111111111111111111111111111111111111111111',
    ].join('\n');
    expect(parseSignatureReferences(stdout)).toEqual([
      `localhost:5000/signtest/app:sha256-${HEX}.sig`,
      'localhost:5000/signtest/app@sha256:737e8420d4c2c07f3882106312785552681c48972fed69b83ec9a203a6c9f096',
    ]);
    expect(
      parseSignatureReferences(
        `📦 Supply Chain Security Related artifacts for an image: ${REF}\nNo Supply Chain Security Related Artifacts found for image ${REF},`,
      ),
    ).toEqual([]);
  });
});

describe('signImage without a registry', () => {
  const config: SigningConfig = {
    key: '/keys/cosign.key',
    publicKey: undefined,
    passwordEnv: 'IMAGEFORGE_TEST_KEY_PASSWORD',
    tlog: false,
    allowHttpRegistry: true,
  };
  const password = 'correct-horse-battery-staple';
  let fakeBin: string;

  beforeAll(async () => {
    // A stand-in cosign that records what it was given and fails like a wrong password (echoing
    // the password, as a careless tool might): what reaches argv, env and the message is observable.
    fakeBin = await mkdtemp(path.join(os.tmpdir(), 'imageforge-cosign-'));
    const wrongPassword = RECORDED[0]?.stderr ?? '';
    await writeFile(
      path.join(fakeBin, 'cosign'),
      [
        '#!/bin/sh',
        `printf '%s\\n' "$*" >> "${fakeBin}/argv.log"`,
        '[ "$1" = tree ] && exit 0',
        `printf '%s\\n' "$COSIGN_PASSWORD" >> "${fakeBin}/password.log"`,
        `printf '%s' '${wrongPassword.replaceAll("'", "'\\''")}' >&2`,
        'echo "Error: password was $COSIGN_PASSWORD" >&2',
        'exit 1',
        '',
      ].join('\n'),
    );
    await chmod(path.join(fakeBin, 'cosign'), 0o755);
  });

  afterAll(() => rm(fakeBin, { recursive: true, force: true }));

  it('refuses a tag before running anything', async () => {
    const result = await signImage({
      reference: 'localhost:5000/signtest/app:latest',
      config,
      env: { PATH: fakeBin },
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({
      status: 'failed',
      verified: false,
      reference: 'localhost:5000/signtest/app:latest',
    });
    expect(result.message).toMatch(/^IMAGEFORGE_SIGN_FAILED: refusing to sign .*sign digests, never tags/);
    await expect(readFile(path.join(fakeBin, 'argv.log'), 'utf8')).rejects.toThrow();
  });

  it('reports a missing cosign with the install hint', async () => {
    const result = await signImage({
      reference: REF,
      config,
      env: { PATH: '/nonexistent' },
      timeoutMs: 10_000,
    });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(
      /^IMAGEFORGE_COSIGN_MISSING: .*install cosign \(Debian: apt-get install cosign\)/,
    );
  });

  it('passes the password only through COSIGN_PASSWORD and never shows it', async () => {
    const result = await signImage({
      reference: REF,
      config,
      env: { PATH: `${fakeBin}:${process.env.PATH ?? ''}`, IMAGEFORGE_TEST_KEY_PASSWORD: password },
      timeoutMs: 10_000,
    });
    const argv = await readFile(path.join(fakeBin, 'argv.log'), 'utf8');
    expect(argv).toContain(`sign --key /keys/cosign.key`);
    expect(argv).not.toContain(password);
    expect(await readFile(path.join(fakeBin, 'password.log'), 'utf8')).toBe(`${password}\n`);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(
      /^IMAGEFORGE_SIGN_FAILED: wrong password for the private key \(\/keys\/cosign.key, password from IMAGEFORGE_TEST_KEY_PASSWORD\): /,
    );
    expect(result.message).toContain('password was ***');
    expect(JSON.stringify(result)).not.toContain(password);
  });
});
