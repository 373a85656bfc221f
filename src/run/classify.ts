// The one place that decides whether a failed build or push is worth retrying. Rules are matched
// against the most specific text first (buildx's `ERROR: ...` line), then vertex errors, then the
// rest of stderr — follow-on errors such as "context canceled" on sibling vertexes must not win.
import { splitRawjsonOutput } from '../buildx/rawjson.js';
import type { ClassifiedError, FailureKind } from './classified-error.js';

export interface FailureInput {
  /** Plain (non-progress) output of the failed command; rawjson progress lines are ignored. */
  stderr: string;
  exitCode?: number;
  timedOut?: boolean;
  cancelled?: boolean;
  signal?: string;
  /** Vertex error texts (ProgressTracker.errors()); read from rawjson lines in stderr when absent. */
  vertexErrors?: string[];
  /** Last build output lines; only consulted to refine a failed RUN step (disk full). */
  logTail?: string[];
}

/** Stable codes: pipelines and reports match on them, never rename one. */
export const FailureCode = {
  RunStepFailed: 'IMAGEFORGE_RUN_STEP_FAILED',
  CopySourceMissing: 'IMAGEFORGE_COPY_SOURCE_MISSING',
  DockerfileSyntax: 'IMAGEFORGE_DOCKERFILE_SYNTAX',
  DockerfileMissing: 'IMAGEFORGE_DOCKERFILE_MISSING',
  RegistryUnavailable: 'IMAGEFORGE_REGISTRY_UNAVAILABLE',
  RegistryAuth: 'IMAGEFORGE_REGISTRY_AUTH',
  ImageNotFound: 'IMAGEFORGE_IMAGE_NOT_FOUND',
  InvalidReference: 'IMAGEFORGE_INVALID_REFERENCE',
  Network: 'IMAGEFORGE_NETWORK',
  BuilderConnectionLost: 'IMAGEFORGE_BUILDER_CONNECTION_LOST',
  BuilderMissing: 'IMAGEFORGE_BUILDER_MISSING',
  DaemonUnreachable: 'IMAGEFORGE_DAEMON_UNREACHABLE',
  DiskFull: 'IMAGEFORGE_DISK_FULL',
  OutOfMemory: 'IMAGEFORGE_OUT_OF_MEMORY',
  Timeout: 'IMAGEFORGE_TIMEOUT',
  Cancelled: 'IMAGEFORGE_CANCELLED',
  BuildFailed: 'IMAGEFORGE_BUILD_FAILED',
} as const;

interface Rule {
  code: string;
  kind: FailureKind;
  pattern: RegExp;
  hint?: string;
  /** Builds the message from the match and the line it is on; default: that line. */
  describe?: (match: RegExpExecArray, line: string, input: FailureInput) => Partial<ClassifiedError>;
}

const MAX_MESSAGE = 500;
const OOM_MESSAGE = 'out of memory: the process was killed (exit code 137 / SIGKILL)';
const OOM_HINT = 'Give the builder more memory, or build fewer images in parallel.';
const DISK_HINT =
  'Free disk space on the builder host, e.g. `docker builder prune` (see `docker system df`).';

// Order matters: the first rule matching the most specific text wins.
const RULES: Rule[] = [
  { code: FailureCode.Cancelled, kind: 'cancelled', pattern: /^(?:Canceled: )?context canceled$/i },
  {
    code: FailureCode.DaemonUnreachable,
    kind: 'builder-unavailable',
    pattern:
      /Cannot connect to the Docker daemon|error during connect|dial unix \S+: connect: (?:no such file|connection refused)|permission denied while trying to connect to the Docker daemon/i,
    hint: 'Start the Docker engine, or point DOCKER_HOST at a running one.',
  },
  {
    code: FailureCode.BuilderMissing,
    kind: 'builder-unavailable',
    pattern: /no builder "[^"]*" found|no valid drivers found|builder .* not found/i,
    hint: 'List builders with `docker buildx ls`, or create one with `docker buildx create`.',
  },
  {
    code: FailureCode.BuilderConnectionLost,
    kind: 'transient',
    pattern:
      /daemon connection lost|error reading from server|failed to dial gRPC|rpc error: code = Unavailable|connection closed before server preface|transport is closing/i,
    hint: 'The connection to the builder dropped; imageforge retries with backoff.',
  },
  {
    code: FailureCode.DockerfileSyntax,
    kind: 'deterministic',
    pattern:
      /dockerfile parse error|unknown instruction|Syntax error - can't find = in|failed to parse dockerfile/i,
    hint: 'Fix the Dockerfile at the line shown in the message.',
  },
  {
    code: FailureCode.DockerfileMissing,
    kind: 'deterministic',
    pattern:
      /failed to read dockerfile|resolve : lstat .*no such file or directory|Cannot locate specified Dockerfile/i,
    hint: 'Check the Dockerfile path; it is resolved relative to the build context.',
  },
  {
    code: FailureCode.OutOfMemory,
    kind: 'deterministic',
    pattern: /exit code: 137\b|returned a non-zero code: 137\b|signal: killed|OOMKilled|\bout of memory\b/i,
    hint: OOM_HINT,
    describe: (_match, line) => ({ message: `${OOM_MESSAGE}: ${line}` }),
  },
  { code: FailureCode.DiskFull, kind: 'deterministic', pattern: /no space left on device/i, hint: DISK_HINT },
  {
    code: FailureCode.RunStepFailed,
    kind: 'deterministic',
    pattern:
      /process "((?:[^"\\]|\\.)*)" did not complete successfully: exit code: (\d+)|The command '(.*)' returned a non-zero code: (\d+)/,
    hint: 'The command exited non-zero; its last output lines are in the step log. Retrying will not help.',
    describe: describeRunStep,
  },
  {
    code: FailureCode.CopySourceMissing,
    kind: 'deterministic',
    pattern:
      /failed to calculate checksum of ref .*not found|failed to compute cache key: .*not found|COPY failed: .*(?:not found|no such file or directory)/,
    hint: 'Check that the path exists inside the build context and is not excluded by .dockerignore.',
    describe: (_match, line) => {
      const source = /"([^"]+)": not found/.exec(line)?.[1];
      return source === undefined ? {} : { message: `COPY source not found: "${source}" (${line})` };
    },
  },
  {
    code: FailureCode.RegistryAuth,
    kind: 'deterministic',
    pattern:
      /\b401 Unauthorized\b|\b403 Forbidden\b|\bunauthorized\b|authorization failed|requested access to the resource is denied|(?:push|pull) access denied|\bdenied: |insufficient_scope|no basic auth credentials/i,
    hint: 'Log in with `docker login <registry>` using an account allowed to access this repository.',
  },
  {
    code: FailureCode.RegistryUnavailable,
    kind: 'transient',
    pattern:
      /\b50[0234] (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b|\b429 Too Many Requests\b|toomanyrequests|unexpected (?:HTTP )?status:? 50[0234]\b/i,
    hint: 'The registry is failing or rate-limiting; imageforge retries with backoff.',
  },
  {
    code: FailureCode.ImageNotFound,
    kind: 'deterministic',
    pattern:
      /manifest unknown|failed to resolve source metadata for .*: not found|repository does not exist|name unknown|\bimage .* not found/i,
    hint: 'Check the image name and tag, and that the registry holds it.',
  },
  {
    code: FailureCode.InvalidReference,
    kind: 'deterministic',
    pattern: /invalid reference format/i,
    hint: 'Image references are lowercase: [registry/]repository[:tag][@digest].',
  },
  {
    code: FailureCode.Network,
    kind: 'transient',
    pattern:
      /connection reset by peer|connection refused|i\/o timeout|TLS handshake timeout|context deadline exceeded|unexpected EOF|(?:^|: )EOF$|no such host|network is unreachable|temporary failure in name resolution|server misbehaving/im,
    hint: 'A network operation failed; imageforge retries with backoff. Check the registry address if it persists.',
  },
];

export function classifyFailure(input: FailureInput): ClassifiedError {
  const lines = plainLines(input.stderr);
  const primary = primaryErrorText(lines);
  if (input.timedOut) {
    const message = primary ? `timed out: ${primary}` : 'timed out';
    return finish(
      { code: FailureCode.Timeout, kind: 'timeout', message },
      'Raise the timeout, or look for a hung step.',
    );
  }
  if (input.cancelled) {
    return finish({ code: FailureCode.Cancelled, kind: 'cancelled', message: primary || 'cancelled' });
  }
  const vertexErrors = input.vertexErrors ?? vertexErrorsIn(input.stderr);
  for (const text of [primary, ...vertexErrors, lines.join('\n')]) {
    const classified = text ? matchRules(text, input) : undefined;
    if (classified) return classified;
  }
  if (input.exitCode === 137 || input.signal === 'SIGKILL') {
    return finish({ code: FailureCode.OutOfMemory, kind: 'deterministic', message: OOM_MESSAGE }, OOM_HINT);
  }
  const fallback =
    input.exitCode === undefined ? 'build failed' : `build failed with exit code ${input.exitCode}`;
  const message = primary || vertexErrors[0] || fallback;
  return finish(
    { code: FailureCode.BuildFailed, kind: 'deterministic', message },
    'See the build output above.',
  );
}

function matchRules(text: string, input: FailureInput): ClassifiedError | undefined {
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const line = text.split('\n').find((candidate) => rule.pattern.test(candidate)) ?? text;
    const described = rule.describe?.(match, line, input) ?? {};
    const classified = { code: rule.code, kind: rule.kind, message: line, ...described };
    return finish(classified, described.hint ?? rule.hint);
  }
  return undefined;
}

function describeRunStep(
  match: RegExpExecArray,
  line: string,
  input: FailureInput,
): Partial<ClassifiedError> {
  if (input.logTail?.some((output) => /no space left on device/i.test(output))) {
    return { code: FailureCode.DiskFull, message: `no space left on device: ${line}`, hint: DISK_HINT };
  }
  const command = unquote(match[1] ?? match[3] ?? '').replace(/^\/bin\/sh -c /, '');
  const exitCode = match[2] ?? match[4] ?? '?';
  return { message: `RUN step failed with exit code ${exitCode}: ${command}` };
}

/** buildx quotes the command Go-style (`\"`); fall back to the raw text if it is not valid JSON. */
function unquote(quoted: string): string {
  try {
    const value: unknown = JSON.parse(`"${quoted}"`);
    return typeof value === 'string' ? value : quoted;
  } catch {
    return quoted.replace(/\\"/g, '"');
  }
}

/** Output lines without progress JSON and without the Dockerfile excerpt buildx prints on errors. */
function plainLines(stderr: string): string[] {
  return splitRawjsonOutput(stderr).plainLines.filter(
    (line) => !/^\s*\d+ \|/.test(line) && !/^-{3,}$/.test(line.trim()) && !/^Dockerfile:\d+$/.test(line),
  );
}

/** buildx's `ERROR: ...` line (prefixes dropped), else the last line that reads like an error. */
function primaryErrorText(lines: string[]): string {
  const errorLine = lines.filter((line) => line.startsWith('ERROR:')).at(-1);
  if (errorLine) return errorLine.replace(/^ERROR:\s*/, '').replace(/^(?:failed to (?:build|solve): )+/, '');
  const errorish = /error|fail|denied|unauthorized|refused|non-zero code|cannot|no such|not found|EOF/i;
  return lines.filter((line) => errorish.test(line)).at(-1) ?? '';
}

function vertexErrorsIn(stderr: string): string[] {
  const errors: string[] = [];
  for (const status of splitRawjsonOutput(stderr).statuses) {
    for (const vertex of status.vertexes) {
      if (vertex.error && !errors.includes(vertex.error)) errors.push(vertex.error);
    }
  }
  return errors;
}

function finish(error: ClassifiedError, hint?: string): ClassifiedError {
  const message = oneLine(withoutLongQueryStrings(redactCredentials(error.message)));
  return hint === undefined ? { ...error, message } : { ...error, message, hint };
}

/**
 * Go errors wrap outside-in ("failed commit: failed to do request: Put URL: read: connection reset
 * by peer"): the cause is at the end, so a long message keeps its head and its tail.
 */
function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (flat.length <= MAX_MESSAGE) return flat;
  const tail = Math.floor(MAX_MESSAGE / 3);
  return `${flat.slice(0, MAX_MESSAGE - tail - 1)}…${flat.slice(-tail)}`;
}

/** Registry upload URLs carry long opaque query strings (`?_state=…&digest=…`) that bury the cause. */
function withoutLongQueryStrings(text: string): string {
  return text.replace(/\b(https?:\/\/[^\s"'?]+)\?[^\s"']{80,}[^\s"':]/gi, '$1?…');
}

/** Masks what looks like credentials; callers still apply their own secret redaction. */
export function redactCredentials(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1***:***@')
    .replace(/\b((?:proxy-)?authorization:\s*)(?:(?:bearer|basic|token)\s+)?[^\s"',;]+/gi, '$1***')
    .replace(
      /\b((?:access_|refresh_|id_)?token|password|passwd|secret|api[_-]?key|client_secret)=[^\s&"',;]+/gi,
      '$1=***',
    );
}
