// The argv of every trivy invocation imageforge makes, as pure functions so tests can pin the exact
// flags. Verified against trivy's `image --help` (the cdxgen plugins build and upstream v0.4x-0.6x).
import type { SbomFormat, ScanKind } from '../scanner.js';

export interface TrivyCommandOptions {
  /** Never download databases from the internet. Default true. */
  offline?: boolean;
  /** trivy's cache: the image-layer cache and, once downloaded or seeded, the vulnerability DB. */
  cacheDir: string;
  /** trivy's own --timeout. */
  timeoutMs: number;
  /** OCI repository of a vulnerability DB mirror (--db-repository). */
  dbRepository?: string | undefined;
  /** Appended after imageforge's flags (so they can override them), before the image. */
  extraArgs?: string[] | undefined;
}

/** `trivy image` writing the JSON report (SchemaVersion 2) of the given scanners to stdout. */
export function buildTrivyScanArgs(
  image: string,
  scanners: ScanKind[],
  options: TrivyCommandOptions,
): string[] {
  return [
    'image',
    '--format',
    'json',
    // Findings are data for imageforge's policy; trivy's own exit code would only blur failures.
    '--exit-code',
    '0',
    '--scanners',
    scanners.join(','),
    ...commonArgs(options),
    image,
  ];
}

/**
 * `trivy image` writing an SBOM to `outputFile`. No --scanners: for SBOM formats trivy only
 * catalogues packages and needs no vulnerability DB (verified offline with an empty cache), and this
 * trivy rejects an empty `--scanners ''` with its usage text.
 */
export function buildTrivySbomArgs(
  image: string,
  format: SbomFormat,
  outputFile: string,
  options: TrivyCommandOptions,
): string[] {
  return ['image', '--format', format, '--output', outputFile, ...commonArgs(options), image];
}

/** `trivy version --format json` → {"Version": "0.50.1", ...}; the cdxgen build prints {"Version":"dev"}. */
export function buildTrivyVersionArgs(): string[] {
  return ['version', '--format', 'json'];
}

/**
 * Flags shared by scans and SBOMs:
 * - `--image-src docker`: only the engine at DOCKER_HOST; trivy's default would fall back to
 *   containerd, podman and finally a registry pull of a same-named image — the wrong artifact.
 * - `--no-progress`, not `--quiet`: --quiet also drops the WARN/ERROR lines that tell a timeout or a
 *   missing database apart.
 * - offline: `--skip-db-update --skip-java-db-update --offline-scan` (no DB downloads, no Maven
 *   Central lookups). A configured dbRepository is a mirror the site chose, so it re-enables the
 *   vulnerability DB update from that mirror even when offline (the Java DB stays skipped).
 */
function commonArgs(options: TrivyCommandOptions): string[] {
  const offline = options.offline ?? true;
  const mirror = options.dbRepository;
  return [
    '--cache-dir',
    options.cacheDir,
    '--timeout',
    formatTrivyDuration(options.timeoutMs),
    '--no-progress',
    '--image-src',
    'docker',
    ...(offline && mirror === undefined ? ['--skip-db-update'] : []),
    ...(offline ? ['--skip-java-db-update', '--offline-scan'] : []),
    ...(mirror === undefined ? [] : ['--db-repository', mirror]),
    ...(options.extraArgs ?? []),
  ];
}

/** A Go duration: whole seconds when exact ("300s"), else milliseconds ("1500ms"); at least 1ms. */
export function formatTrivyDuration(ms: number): string {
  const whole = Math.max(1, Math.round(ms));
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}
