// What a scan gate decides from: the threshold, unfixed handling and scoped, expiring ignores.
// Resolved from imageforge.yaml (`scan:` in defaults/images/profiles) or from CLI flags.
import type { Finding, Severity } from '../scan/findings.js';

/** A finding is ignored only when every field given here matches it. */
export interface IgnoreRule {
  /** CVE/GHSA id or secret rule id. */
  id: string;
  /** Package name (vulnerabilities). */
  package?: string | undefined;
  /** Package URL prefix, e.g. pkg:deb/debian/openssl. */
  purl?: string | undefined;
  /** Glob-free path prefix inside the image / target (language packages, secrets). */
  path?: string | undefined;
  reason: string;
  /** YYYY-MM-DD; the rule stops applying after this day (UTC) ends. */
  expires?: string | undefined;
  /** Where the rule was declared, for messages: `imageforge.yaml:42 (images.controller.scan.ignore[0])`. */
  source?: string | undefined;
}

export interface ScanPolicy {
  /** Findings at or above this severity fail the gate; NONE reports without gating. */
  failOn: Severity | 'NONE';
  /** Vulnerabilities without a fixed version do not count toward the gate (still reported). */
  ignoreUnfixed: boolean;
  ignores: IgnoreRule[];
}

export interface IgnoredFinding {
  finding: Finding;
  rule: IgnoreRule;
}

export interface PolicyDecision {
  passed: boolean;
  /** Every finding reported, per severity (before ignores). */
  counts: Record<Severity, number>;
  /** Findings that fail the gate, most severe first. */
  blocking: Finding[];
  /** Findings at/above the threshold that did not block, with why. */
  ignored: IgnoredFinding[];
  /** Unfixed findings at/above the threshold not counted because of ignoreUnfixed. */
  unfixed: Finding[];
  /** Ignore rules past their expiry date: they no longer apply, and each says so. */
  expiredIgnores: Array<{ rule: IgnoreRule; message: string }>;
  /** One line a user reads first: "failed: 2 CRITICAL at or above CRITICAL (1 ignored, 3 unfixed)". */
  summary: string;
}
