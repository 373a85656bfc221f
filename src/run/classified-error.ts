// A build failure after classification: what the report stores and what retry decisions use.

export type FailureKind =
  | 'transient' // worth retrying: network, registry 5xx/429, daemon connection lost
  | 'deterministic' // retrying cannot help: Dockerfile errors, RUN exit codes, auth
  | 'timeout' // the attempt exceeded its deadline
  | 'cancelled' // the user or the run stopped it
  | 'builder-unavailable'; // the engine/builder went away

export interface ClassifiedError {
  /** Stable code, e.g. IMAGEFORGE_RUN_FAILED, IMAGEFORGE_REGISTRY_UNAVAILABLE. */
  code: string;
  kind: FailureKind;
  /** One line, secrets redacted. */
  message: string;
  /** What to do about it, when we know. */
  hint?: string;
}
