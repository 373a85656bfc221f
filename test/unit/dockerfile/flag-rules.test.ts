// What BuildKit rejects at parse time, caught when imageforge reads the Dockerfile: unknown flags,
// malformed RUN --mount fields, blank ARG names, binary content — each with file:line.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/index.js';
import { caught } from './fixtures.js';

describe('Dockerfile checks BuildKit would fail on', () => {
  it.each([
    [
      'FROM busybox\nCOPY --frm=build /a /b\n',
      2,
      'COPY --frm: unknown flag (did you mean `--from`?); COPY accepts --from, --chown, --chmod, --link, --parents, --exclude',
    ],
    [
      'FROM --platfrom=linux/amd64 busybox\n',
      1,
      'FROM --platfrom: unknown flag (did you mean `--platform`?); FROM accepts --platform',
    ],
    [
      'FROM busybox\nHEALTHCHECK --every=5s CMD true\n',
      2,
      expect.stringMatching(/^HEALTHCHECK --every: unknown flag; HEALTHCHECK accepts --interval/),
    ],
    [
      'FROM busybox\nRUN --mount=typo true\n',
      2,
      "RUN --mount: invalid field 'typo' must be a key=value pair",
    ],
    [
      'FROM busybox\nRUN --mount=type=volume,target=/x true\n',
      2,
      "RUN --mount: unsupported mount type 'volume'; use bind, cache, tmpfs, secret, ssh",
    ],
    ['FROM busybox\nARG =x\n', 2, 'ARG names can not be blank (write ARG NAME or ARG NAME=value)'],
    ['FROM busybox\nRUN true\n\0\u0001\n', 3, 'not a text file (a NUL byte on line 3)'],
    ['FROM busybox\n\u0007BEEP x\n', 2, 'unknown instruction: "\\u0007BEEP"'],
  ])('%j fails at line %d', async (content, line, message) => {
    const error = await caught(() => parseDockerfile('Dockerfile', content));

    expect(error.code).toBe('IMAGEFORGE_DOCKERFILE_SYNTAX');
    expect(error.location).toEqual({ file: 'Dockerfile', line });
    expect(error.message).toEqual(message);
  });

  it.each([
    'FROM --platform=$BUILDPLATFORM busybox AS build\nRUN --mount=type=cache,target=/c,sharing=locked --network=none true\n',
    'FROM busybox\nRUN --mount=type=secret,id=npm,required --mount=type=bind,ro,source=.,target=/src true\n',
    'FROM busybox\nCOPY --from=build --chown=1:1 --chmod=0644 --link --exclude=*.md a /b\n',
    'FROM busybox\nADD --checksum=sha256:abc --keep-git-dir=true https://example.com/x /x\n',
    'FROM busybox\nHEALTHCHECK --interval=5s --timeout=1s --start-period=1s --start-interval=1s --retries=3 CMD true\n',
    'FROM busybox\nCMD --verbose\nENTRYPOINT ["app", "--flag"]\n',
  ])('accepts the flags BuildKit documents: %j', (content) => {
    expect(() => parseDockerfile('Dockerfile', content)).not.toThrow();
  });
});
