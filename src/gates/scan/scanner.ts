// The boundary every scanner adapter implements. A scanner failure (no database, timeout, crash,
// image not found) is returned as a ScannerFailure, never as findings, so a policy can decide
// whether it blocks without confusing "could not look" with "found nothing" or "found something".
import type { ScanFindings } from './findings.js';

export type ScanKind = 'vuln' | 'secret';

export interface ScannerRunOptions {
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Whole scanner invocation; the adapter also passes it to the scanner (trivy --timeout). */
  timeoutMs: number;
}

export interface ImageScanInput extends ScannerRunOptions {
  /** Local image reference or id (the engine at env.DOCKER_HOST holds it). */
  image: string;
  scanners: ScanKind[];
  /** Where the raw scanner report is written (kept with the run). */
  rawReportFile?: string;
}

export interface SbomInput extends ScannerRunOptions {
  image: string;
  format: SbomFormat;
  outputFile: string;
}

export type SbomFormat = 'cyclonedx' | 'spdx-json';

export type ScannerFailureReason =
  | 'not-installed'
  | 'no-database'
  | 'timeout'
  | 'cancelled'
  | 'image-not-found'
  | 'invalid-output'
  | 'crashed';

export interface ScannerFailure {
  ok: false;
  /** Stable code, e.g. IMAGEFORGE_SCANNER_NO_DATABASE. */
  code: string;
  reason: ScannerFailureReason;
  message: string;
  hint: string | undefined;
  /** Last lines of the scanner's stderr (secrets never reach it: scanners mask matches). */
  stderrTail: string[];
  durationMs: number;
}

export type ImageScanOutcome = { ok: true; result: ScanFindings; durationMs: number } | ScannerFailure;

export type SbomOutcome =
  { ok: true; file: string; format: SbomFormat; components: number; durationMs: number } | ScannerFailure;

export interface Scanner {
  readonly name: string;
  /** The scanner's version, or a ScannerFailure with reason not-installed. */
  version(options: ScannerRunOptions): Promise<{ ok: true; version: string } | ScannerFailure>;
  scanImage(input: ImageScanInput): Promise<ImageScanOutcome>;
  sbom(input: SbomInput): Promise<SbomOutcome>;
}
