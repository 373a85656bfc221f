// Resolves the gate sections of a validated config: defaults filled in, durations in milliseconds,
// key paths absolute, and each ignore rule remembering where it was written (for expiry messages).
import path from 'node:path';
import type { ImageSpec, SettingsSpec } from '../config/config-schema.js';
import { parseDuration } from '../config/duration.js';
import type { ImageScanConfig, ScanSettings } from '../config/types.js';
import type { SigningConfig } from './sign/signing.js';
import { resolveImageTestSpec, type ImageTestSpec } from './functional/test-spec-schema.js';

/** What `scan: {}` (or the production policy with no scan section) means. */
export const DEFAULT_IMAGE_SCAN: ImageScanConfig = {
  vulnerabilities: { failOn: 'CRITICAL', ignoreUnfixed: false },
  secrets: { failOn: 'HIGH' },
  sbom: ['cyclonedx'],
  ignores: [],
};

export function resolveImageScan(
  scan: ImageSpec['scan'],
  placeOf: (index: number) => string,
): ImageScanConfig | undefined {
  if (scan === undefined || scan.enabled === false) return undefined;
  const vulnerabilities = scan.vulnerabilities ?? {};
  const secrets = scan.secrets ?? {};
  return {
    vulnerabilities:
      vulnerabilities.enabled === false
        ? undefined
        : {
            failOn: vulnerabilities.failOn ?? 'CRITICAL',
            ignoreUnfixed: vulnerabilities.ignoreUnfixed ?? false,
          },
    secrets: secrets.enabled === false ? undefined : { failOn: secrets.failOn ?? 'HIGH' },
    sbom: scan.sbom === false ? [] : (scan.sbom ?? ['cyclonedx']),
    ignores: (scan.ignore ?? []).map((rule, index) => ({ ...rule, source: placeOf(index) })),
  };
}

export function resolveImageTest(test: ImageSpec['test']): ImageTestSpec | undefined {
  return test === undefined ? undefined : resolveImageTestSpec(test);
}

export function resolveScanSettings(
  scan: SettingsSpec['scan'],
  projectDir: string,
  production: boolean,
): ScanSettings {
  return {
    onError: scan?.onError ?? (production ? 'block' : 'warn'),
    timeoutMs: scan?.timeout === undefined ? 300_000 : parseDuration(scan.timeout),
    parallel: scan?.parallel,
    trivy: {
      binary: scan?.trivy?.binary === undefined ? undefined : path.resolve(projectDir, scan.trivy.binary),
      cacheDir: path.resolve(projectDir, scan?.trivy?.cacheDir ?? '.imageforge/trivy'),
      offline: scan?.trivy?.offline ?? true,
      dbRepository: scan?.trivy?.dbRepository,
    },
  };
}

export function resolveSignSettings(
  sign: SettingsSpec['sign'],
  projectDir: string,
): SigningConfig | undefined {
  if (sign === undefined) return undefined;
  const isUri = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const key = isUri(sign.key) ? sign.key : path.resolve(projectDir, sign.key);
  const publicKey =
    sign.publicKey === undefined
      ? undefined
      : isUri(sign.publicKey)
        ? sign.publicKey
        : path.resolve(projectDir, sign.publicKey);
  return {
    key,
    publicKey,
    passwordEnv: sign.passwordEnv ?? 'COSIGN_PASSWORD',
    tlog: sign.tlog ?? false,
    allowHttpRegistry: sign.allowHttpRegistry ?? true,
  };
}
