// Failure classification, table-driven over texts recorded from real buildx/docker runs
// (test/fixtures/buildx, see its README) plus a few quoted from upstream issues where noted.
import { describe, expect, it } from 'vitest';
import { classifyFailure, FailureCode, type FailureInput } from '../../../src/run/classify.js';
import type { FailureKind } from '../../../src/run/classified-error.js';
import { readFixture, trackFixture } from '../buildx/fixtures.js';

/** What buildkit-attempt passes: plain stderr lines plus the tracker's vertex errors and log tail. */
function fromRawjson(name: string): FailureInput {
  const { tracker, plainLines } = trackFixture(name);
  return {
    stderr: plainLines.join('\n'),
    exitCode: 1,
    vertexErrors: tracker.errors(),
    logTail: tracker.logTail(),
  };
}

interface Row {
  name: string;
  input: FailureInput;
  code: string;
  kind: FailureKind;
  message: RegExp;
}

const recorded: Row[] = [
  {
    name: 'RUN exits 3',
    input: fromRawjson('run-exit3.rawjson'),
    code: FailureCode.RunStepFailed,
    kind: 'deterministic',
    message: /^RUN step failed with exit code 3: echo "step output line 1" && .* && exit 3$/,
  },
  {
    name: 'COPY source missing',
    input: fromRawjson('copy-missing.rawjson'),
    code: FailureCode.CopySourceMissing,
    kind: 'deterministic',
    message: /^COPY source not found: "\/does-not-exist.txt"/,
  },
  {
    name: 'unknown Dockerfile instruction',
    input: fromRawjson('parse-unknown-instruction.rawjson'),
    code: FailureCode.DockerfileSyntax,
    kind: 'deterministic',
    message: /^dockerfile parse error on line 3: unknown instruction: FROBNICATE$/,
  },
  {
    name: 'COPY without destination',
    input: fromRawjson('parse-copy-args.rawjson'),
    code: FailureCode.DockerfileSyntax,
    kind: 'deterministic',
    message: /^dockerfile parse error on line 2: COPY requires at least two arguments/,
  },
  {
    name: 'unknown base image',
    input: fromRawjson('base-not-found.rawjson'),
    code: FailureCode.ImageNotFound,
    kind: 'deterministic',
    message: /failed to resolve source metadata for localhost:5000\/base\/does-not-exist:1.0: .*not found$/,
  },
  {
    name: 'push: connection refused',
    input: fromRawjson('push-refused.rawjson'),
    code: FailureCode.Network,
    kind: 'transient',
    message: /^failed to push localhost:5098\/imageforge-rec\/ms:1: .*connect: connection refused$/,
  },
  {
    name: 'push: connection reset',
    input: fromRawjson('push-reset.rawjson'),
    code: FailureCode.Network,
    kind: 'transient',
    message: /connection reset by peer$/,
  },
  {
    name: 'push: EOF',
    input: fromRawjson('push-eof.rawjson'),
    code: FailureCode.Network,
    kind: 'transient',
    message: /": EOF$/,
  },
  {
    name: 'push: 401',
    input: fromRawjson('push-auth.rawjson'),
    code: FailureCode.RegistryAuth,
    kind: 'deterministic',
    message: /401 Unauthorized$/,
  },
  {
    name: 'pull: 401',
    input: fromRawjson('pull-401.rawjson'),
    code: FailureCode.RegistryAuth,
    kind: 'deterministic',
    message: /401 Unauthorized$/,
  },
  ...(['push-500', 'push-503', 'pull-503'] as const).map((name) => ({
    name: `${name} (registry 5xx)`,
    input: fromRawjson(`${name}.rawjson`),
    code: FailureCode.RegistryUnavailable,
    kind: 'transient' as const,
    message: /: 50[03] (Internal Server Error|Service Unavailable)$/,
  })),
  {
    name: 'push: 429',
    input: fromRawjson('push-429.rawjson'),
    code: FailureCode.RegistryUnavailable,
    kind: 'transient',
    message: /429 Too Many Requests$/,
  },
  {
    name: 'RUN killed (exit 137)',
    input: fromRawjson('run-killed.rawjson'),
    code: FailureCode.OutOfMemory,
    kind: 'deterministic',
    message: /^out of memory: .*exit code: 137$/,
  },
  {
    name: 'interrupted build (SIGINT), even though a vertex says exit code 137',
    input: fromRawjson('cancel-sigint.rawjson'),
    code: FailureCode.Cancelled,
    kind: 'cancelled',
    message: /^Canceled: context canceled$/,
  },
  {
    name: 'daemon socket missing',
    input: { stderr: readFixture('plain-daemon-unreachable.stderr.txt'), exitCode: 1 },
    code: FailureCode.DaemonUnreachable,
    kind: 'builder-unavailable',
    message: /^Cannot connect to the Docker daemon at unix:\/\/\/tmp\/rec\/nonexistent.sock/,
  },
  {
    name: 'daemon TCP refused (not a registry network error)',
    input: { stderr: readFixture('plain-daemon-tcp-refused.stderr.txt'), exitCode: 1 },
    code: FailureCode.DaemonUnreachable,
    kind: 'builder-unavailable',
    message: /^Cannot connect to the Docker daemon at tcp:\/\/127.0.0.1:5097/,
  },
  {
    name: 'unknown builder',
    input: { stderr: readFixture('plain-no-builder.stderr.txt'), exitCode: 1 },
    code: FailureCode.BuilderMissing,
    kind: 'builder-unavailable',
    message: /^no builder "no-such-builder" found$/,
  },
  {
    name: 'invalid tag',
    input: { stderr: readFixture('plain-invalid-tag.stderr.txt'), exitCode: 1 },
    code: FailureCode.InvalidReference,
    kind: 'deterministic',
    message: /^invalid tag "Bad:Ref:Format": invalid reference format$/,
  },
  {
    name: 'Dockerfile path missing',
    input: { stderr: readFixture('plain-no-dockerfile.stderr.txt'), exitCode: 1 },
    code: FailureCode.DockerfileMissing,
    kind: 'deterministic',
    message: /lstat \/tmp\/rec\/nope: no such file or directory$/,
  },
  {
    name: 'docker push: connection refused',
    input: { stderr: readFixture('docker-push-refused.stderr.txt'), exitCode: 1 },
    code: FailureCode.Network,
    kind: 'transient',
    message: /connect: connection refused$/,
  },
  {
    name: 'docker push: no credentials',
    input: { stderr: readFixture('docker-push-auth.stderr.txt'), exitCode: 1 },
    code: FailureCode.RegistryAuth,
    kind: 'deterministic',
    message: /^push access denied/,
  },
  {
    name: 'legacy builder: RUN exits 3',
    input: { stderr: readFixture('legacy-run-exit3.output.txt'), exitCode: 3 },
    code: FailureCode.RunStepFailed,
    kind: 'deterministic',
    message: /^RUN step failed with exit code 3: echo "step output line 1" && .* && exit 3$/,
  },
  {
    name: 'engine killed (SIGKILL) mid-build: the stream to the builder breaks',
    input: fromRawjson('engine-killed.rawjson'),
    code: FailureCode.BuilderConnectionLost,
    kind: 'transient',
    message:
      /^failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF$/,
  },
  {
    name: 'engine killed mid-bake: no vertex error, only the session line',
    input: fromRawjson('bake-engine-killed.rawjson'),
    code: FailureCode.BuilderConnectionLost,
    kind: 'transient',
    message: /error reading from server: EOF$/,
  },
  {
    name: 'RUN fails on a full data root (dd: No space left on device)',
    input: fromRawjson('run-disk-full.rawjson'),
    code: FailureCode.DiskFull,
    kind: 'deterministic',
    message: /^no space left on device: process .*dd if=\/dev\/zero of=\/fill/,
  },
  {
    name: 'the engine itself cannot write its metadata (data root full)',
    input: fromRawjson('engine-disk-full.rawjson'),
    code: FailureCode.DiskFull,
    kind: 'deterministic',
    message: /meta\.db: no space left on device$/,
  },
  {
    name: 'docker push: registry killed mid-upload',
    input: { stderr: readFixture('docker-push-cut.stderr.txt'), exitCode: 1 },
    code: FailureCode.Network,
    kind: 'transient',
    message: /^failed commit on ref .*: read: connection reset by peer$/,
  },
  {
    name: 'whole raw stderr without tracker help',
    input: { stderr: readFixture('copy-missing.rawjson'), exitCode: 1 },
    code: FailureCode.CopySourceMissing,
    kind: 'deterministic',
    message: /^COPY source not found/,
  },
];

// Texts we cannot provoke against a healthy local engine, quoted from upstream reports.
const upstream: Row[] = [
  {
    name: 'builder connection lost (docker/buildx#2380)',
    input: {
      stderr:
        'ERROR: failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF',
    },
    code: FailureCode.BuilderConnectionLost,
    kind: 'transient',
    message: /error reading from server: EOF$/,
  },
  {
    name: 'gRPC dial failure (moby/buildkit#2546)',
    input: { stderr: 'error: failed to dial gRPC: rpc error: code = Unavailable desc = connection closed' },
    code: FailureCode.BuilderConnectionLost,
    kind: 'transient',
    message: /failed to dial gRPC/,
  },
  {
    name: 'disk full (guacsec/guac#2832)',
    input: {
      stderr:
        'ERROR: failed to build: failed to solve: ResourceExhausted: write /var/lib/docker/overlay2/yp9tg0uq1ufym66lbal7o82n2/diff/guacone-linux-arm64: no space left on device',
    },
    code: FailureCode.DiskFull,
    kind: 'deterministic',
    message: /no space left on device$/,
  },
  {
    name: 'RUN failing because the disk is full',
    input: {
      stderr: readFixture('run-exit3.rawjson'),
      logTail: ['compile: writing output: write $WORK/b533/_pkg_.a: no space left on device'],
    },
    code: FailureCode.DiskFull,
    kind: 'deterministic',
    message: /^no space left on device: /,
  },
  {
    name: 'DNS failure',
    input: {
      stderr:
        'ERROR: failed to solve: registry.example.com/app:1: failed to do request: Head "https://registry.example.com/v2/app/manifests/1": dial tcp: lookup registry.example.com on 127.0.0.53:53: no such host',
    },
    code: FailureCode.Network,
    kind: 'transient',
    message: /no such host$/,
  },
  {
    name: 'TLS handshake timeout',
    input: {
      stderr: 'ERROR: failed to solve: failed to push r.example/app:1: net/http: TLS handshake timeout',
    },
    code: FailureCode.Network,
    kind: 'transient',
    message: /TLS handshake timeout$/,
  },
  {
    name: 'manifest unknown',
    input: { stderr: 'manifest for r.example/app:missing not found: manifest unknown: manifest unknown' },
    code: FailureCode.ImageNotFound,
    kind: 'deterministic',
    message: /manifest unknown/,
  },
];

describe('classifyFailure', () => {
  it.each([...recorded, ...upstream])('$name → $code', ({ input, code, kind, message }) => {
    const error = classifyFailure(input);
    expect(error).toMatchObject({ code, kind });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('gives a hint where the user can act', () => {
    expect(classifyFailure(fromRawjson('push-auth.rawjson')).hint).toMatch(/docker login/);
    expect(classifyFailure(fromRawjson('copy-missing.rawjson')).hint).toMatch(/\.dockerignore/);
  });

  it('reports a timeout as such, whatever stderr says', () => {
    const error = classifyFailure({
      ...fromRawjson('cancel-sigint.rawjson'),
      timedOut: true,
      signal: 'SIGTERM',
    });
    expect(error).toMatchObject({ code: FailureCode.Timeout, kind: 'timeout' });
    expect(error.message).toMatch(/^timed out/);
  });

  it('reports a cancellation by the run as cancelled', () => {
    expect(classifyFailure({ stderr: '', cancelled: true, signal: 'SIGTERM' })).toMatchObject({
      code: FailureCode.Cancelled,
      kind: 'cancelled',
      message: 'cancelled',
    });
  });

  it('treats a SIGKILL of the build process as out of memory', () => {
    expect(classifyFailure({ stderr: '', signal: 'SIGKILL' })).toMatchObject({
      code: FailureCode.OutOfMemory,
      message: expect.stringContaining('out of memory') as unknown,
    });
  });

  it('never retries what it does not recognise', () => {
    const error = classifyFailure({ stderr: 'ERROR: something nobody has seen before', exitCode: 1 });
    expect(error).toMatchObject({
      code: FailureCode.BuildFailed,
      kind: 'deterministic',
      message: 'something nobody has seen before',
    });
    expect(classifyFailure({ stderr: '', exitCode: 2 }).message).toBe('build failed with exit code 2');
  });

  it('does not let a build step print its way into a retry', () => {
    const error = classifyFailure({
      ...fromRawjson('run-exit3.rawjson'),
      logTail: ['curl: (7) Failed to connect: connection refused'],
    });
    expect(error.kind).toBe('deterministic');
  });

  it.each([
    ['failed to push https://bob:hunter2@r.example/app:1: connection refused', 'https://***:***@r.example'],
    ['unexpected status 503, Authorization: Bearer eyJhbGciOi.secret', 'Authorization: ***'],
    ['GET https://r.example/token?scope=x&token=abc123&service=y: i/o timeout', 'token=***&service=y'],
    ['registry said password=s3cret; connection reset by peer', 'password=***;'],
  ])('redacts credentials in %j', (stderr, expected) => {
    const error = classifyFailure({ stderr: `ERROR: failed to solve: ${stderr}` });
    expect(error.message).toContain(expected);
    expect(error.message).not.toMatch(/hunter2|eyJhbGciOi|abc123|s3cret/);
  });

  it('keeps the cause at the end of a long message, and drops opaque upload URL queries', () => {
    const error = classifyFailure({ stderr: readFixture('docker-push-cut.stderr.txt'), exitCode: 1 });
    expect(error.message).toContain('/v2/scratch/app/blobs/uploads/8d7641ee-9d94-437f-9748-bbaf2676a862?…"');
    expect(error.message).not.toContain('_state=');
    const long = `ERROR: failed to solve: ${'wrapped: '.repeat(80)}dial tcp 10.0.0.1:443: connect: connection refused`;
    const truncated = classifyFailure({ stderr: long }).message;
    expect(truncated.length).toBeLessThanOrEqual(500);
    expect(truncated).toMatch(/^wrapped: .*….*connect: connection refused$/);
  });

  it('keeps image references with digests intact', () => {
    const error = classifyFailure(fromRawjson('base-not-found.rawjson'));
    expect(error.message).toContain('localhost:5000/base/does-not-exist:1.0');
  });
});
