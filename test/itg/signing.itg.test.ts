// Signing pushed digests with real cosign key pairs against the project registry, offline: the
// signature lands in the registry, verifies with its public key and with no other, and tags, wrong
// passwords and unreachable registries fail with clear messages that never contain the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { exec, isSuccess } from '../../src/exec/exec.js';
import { getCosignGenerateKeyPairCommand } from '../../src/gates/sign/cosign-command.js';
import { signImage } from '../../src/gates/sign/sign-image.js';
import type { SigningConfig } from '../../src/gates/sign/signing.js';
import { verifyImage } from '../../src/gates/sign/verify-image.js';
import { docker } from '../support/docker.js';
import { BASE_IMAGE, uniqueTag } from '../support/project.js';
import { freePort } from '../support/registry.js';

const REGISTRY = 'localhost:5000';
const REPOSITORY = 'imageforge-itg/signing';
const PASSWORD_ENV = 'IMAGEFORGE_ITG_COSIGN_PASSWORD';
const TIMEOUT_MS = 120_000;

const manifestSchema = z.object({ digest: z.string() });
const tagListSchema = z.object({ tags: z.array(z.string()).nullish() });
const indexSchema = z.object({ manifests: z.array(z.object({ digest: z.string() })).default([]) });

let dir: string;
let reference: string;
let hex: string;
const password = `itg-${uniqueTag('pw')}-s3cret`;

async function generateKeyPair(into: string, keyPassword: string): Promise<void> {
  await mkdir(into, { recursive: true });
  const command = getCosignGenerateKeyPairCommand();
  const result = await exec(command.command, command.args, {
    cwd: into,
    env: { COSIGN_PASSWORD: keyPassword },
    timeoutMs: 60_000,
  });
  if (!isSuccess(result)) throw new Error(`cosign generate-key-pair failed: ${result.stderr}`);
}

function config(overrides: Partial<SigningConfig> = {}): SigningConfig {
  return {
    key: path.join(dir, 'signer/cosign.key'),
    publicKey: undefined,
    passwordEnv: PASSWORD_ENV,
    tlog: false,
    allowHttpRegistry: true,
    ...overrides,
  };
}

async function registryJson(pathname: string, accept?: string): Promise<unknown> {
  const response = await fetch(`http://${REGISTRY}/v2/${REPOSITORY}/${pathname}`, {
    headers: accept === undefined ? {} : { Accept: accept },
  });
  expect(response.ok, `GET ${pathname}: ${response.status}`).toBe(true);
  return response.json();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-itg-sign-'));
  await generateKeyPair(path.join(dir, 'signer'), password);
  await generateKeyPair(path.join(dir, 'stranger'), 'another-password');
  const tag = uniqueTag('sign');
  await writeFile(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo ${tag} > /signed\n`);
  const image = `${REGISTRY}/${REPOSITORY}:${tag}`;
  docker(['buildx', 'build', '--quiet', '--push', '--tag', image, dir]);
  const manifest = manifestSchema.parse(
    JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', image])),
  );
  reference = `${REGISTRY}/${REPOSITORY}@${manifest.digest}`;
  hex = manifest.digest.replace(/^sha256:/, '');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('signing pushed digests with cosign', () => {
  it('signs and verifies a digest offline; the signature is in the registry', async () => {
    const result = await signImage({
      reference,
      config: config(),
      env: { [PASSWORD_ENV]: password },
      timeoutMs: TIMEOUT_MS,
    });
    expect(result, result.message).toMatchObject({
      status: 'verified',
      verified: true,
      tlog: false,
      reference,
      keyRef: path.join(dir, 'signer/cosign.key'),
    });
    expect(result.message).toContain('verified 1 signature');
    // cosign 3 attaches a Sigstore bundle as an OCI 1.1 referrer; this registry (distribution 2.8)
    // has no referrers API, so cosign keeps the referrers index under the fallback tag sha256-<hex>.
    expect(result.signatureRef).toMatch(new RegExp(`^${REGISTRY}/${REPOSITORY}@sha256:[0-9a-f]{64}$`));
    const tags = tagListSchema.parse(await registryJson('tags/list')).tags ?? [];
    expect(tags).toContain(`sha256-${hex}`);
    const referrers = indexSchema.parse(
      await registryJson(`manifests/sha256-${hex}`, 'application/vnd.oci.image.index.v1+json'),
    );
    expect(referrers.manifests.map((entry) => `${REGISTRY}/${REPOSITORY}@${entry.digest}`)).toContain(
      result.signatureRef,
    );

    const verified = await verifyImage({
      reference,
      publicKey: path.join(dir, 'signer/cosign.pub'),
      tlog: false,
      allowHttpRegistry: true,
      env: {},
      timeoutMs: TIMEOUT_MS,
    });
    expect(verified).toMatchObject({ ok: true, signatures: 1 });
  });

  it('does not verify with a different key pair', async () => {
    const verified = await verifyImage({
      reference,
      publicKey: path.join(dir, 'stranger/cosign.pub'),
      tlog: false,
      allowHttpRegistry: true,
      env: {},
      timeoutMs: TIMEOUT_MS,
    });
    expect(verified.ok).toBe(false);
    expect(verified.signatures).toBe(0);
    expect(verified.message).toMatch(
      /^IMAGEFORGE_VERIFY_FAILED: the signature does not verify with this public key/,
    );

    const signed = await signImage({
      reference,
      config: config({ publicKey: path.join(dir, 'stranger/cosign.pub') }),
      env: { [PASSWORD_ENV]: password },
      timeoutMs: TIMEOUT_MS,
    });
    expect(signed).toMatchObject({ status: 'failed', verified: false });
    expect(signed.signatureRef).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(signed.message).toMatch(/^IMAGEFORGE_VERIFY_FAILED: the signature does not verify/);
  });

  it('refuses to sign a tag', async () => {
    const tagged = `${REGISTRY}/${REPOSITORY}:latest`;
    const result = await signImage({
      reference: tagged,
      config: config(),
      env: { [PASSWORD_ENV]: password },
      timeoutMs: TIMEOUT_MS,
    });
    expect(result).toMatchObject({ status: 'failed', verified: false, reference: tagged });
    expect(result.message).toContain('sign digests, never tags');
  });

  it('fails clearly on a wrong password and never shows the password', async () => {
    const wrong = `${password}-wrong`;
    const result = await signImage({
      reference,
      config: config(),
      env: { [PASSWORD_ENV]: wrong },
      timeoutMs: TIMEOUT_MS,
    });
    expect(result).toMatchObject({ status: 'failed', verified: false });
    expect(result.message).toMatch(
      new RegExp(
        `^IMAGEFORGE_SIGN_FAILED: wrong password for the private key \\(.*cosign\\.key, password from ${PASSWORD_ENV}\\): .*decryption failed`,
      ),
    );
    expect(result.message).not.toContain('\n');
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain(wrong);
    expect(serialized).not.toContain(password);
  });

  it('names an unreachable registry', async () => {
    const port = await freePort();
    const result = await signImage({
      reference: `localhost:${port}/${REPOSITORY}@sha256:${hex}`,
      config: config(),
      env: { [PASSWORD_ENV]: password },
      timeoutMs: TIMEOUT_MS,
    });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^IMAGEFORGE_SIGN_FAILED: registry unreachable: .*connection refused/);
    expect(JSON.stringify(result)).not.toContain(password);
  });
});
