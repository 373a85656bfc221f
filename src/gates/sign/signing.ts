// Signing pushed digests (cosign key pairs). No transparency log offline: signatures are uploaded to
// the registry next to the image and verified with the public key, tlog checks off, as recorded.

export interface SigningConfig {
  /** Path of the cosign private key (cosign.key) or a KMS URI. */
  key: string;
  /** Public key used to verify right after signing; default: the key with .pub. */
  publicKey: string | undefined;
  /** Environment variable holding the key password (passed to cosign as COSIGN_PASSWORD). */
  passwordEnv: string | undefined;
  /** Upload to / verify against a transparency log (Rekor). Off by default: offline installations. */
  tlog: boolean;
  /** Plain-HTTP registries (localhost) are allowed. */
  allowHttpRegistry: boolean;
}

export interface SignInput {
  /** repository@sha256:digest — always a digest, never a tag. */
  reference: string;
  config: SigningConfig;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  timeoutMs: number;
}
