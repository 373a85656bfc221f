import { describe, expect, it } from 'vitest';
import { findBuildkitOnlySyntax, readDockerfile } from '../../../src/dockerfile/index.js';
import { fixture } from './fixtures.js';

describe('findBuildkitOnlySyntax', () => {
  it('finds every BuildKit-only feature on its line', async () => {
    const parsed = await readDockerfile(fixture('buildkit-only.Dockerfile'));

    const findings = findBuildkitOnlySyntax(parsed).map(({ line, feature, degradable }) => ({
      line,
      feature,
      degradable,
    }));

    expect(findings).toEqual([
      { line: 3, feature: 'RUN --mount=type=cache', degradable: true },
      { line: 4, feature: 'RUN --mount=type=secret', degradable: false },
      { line: 5, feature: 'RUN --mount=type=ssh', degradable: false },
      { line: 6, feature: 'RUN --mount=type=bind', degradable: false },
      { line: 7, feature: 'RUN --network', degradable: false },
      { line: 8, feature: 'RUN --security', degradable: false },
      { line: 9, feature: 'RUN <<EOF', degradable: false },
      { line: 12, feature: 'COPY <<EOT', degradable: false },
      { line: 15, feature: 'COPY --link', degradable: false },
      { line: 16, feature: 'COPY --chmod', degradable: false },
      { line: 17, feature: 'COPY --parents', degradable: false },
      { line: 18, feature: 'COPY --exclude', degradable: false },
      { line: 19, feature: 'ADD --chmod', degradable: false },
      { line: 20, feature: 'ADD --link', degradable: false },
      { line: 21, feature: 'ADD --checksum', degradable: false },
      { line: 22, feature: 'ADD --keep-git-dir', degradable: false },
      { line: 23, feature: 'RUN --mount=type=cache', degradable: true },
      { line: 23, feature: 'RUN --network', degradable: false },
      { line: 26, feature: 'ADD <<CONF', degradable: false },
    ]);
  });

  it("explains each finding with the classic builder's behaviour", async () => {
    const parsed = await readDockerfile(fixture('buildkit-only.Dockerfile'));

    const reasons = new Map(
      findBuildkitOnlySyntax(parsed).map((finding) => [`${finding.line} ${finding.feature}`, finding.reason]),
    );

    expect(reasons.get('4 RUN --mount=type=secret')).toBe(
      'the classic builder fails with "the --mount option requires BuildKit"',
    );
    expect(reasons.get('16 COPY --chmod')).toBe(
      'the classic builder fails with "the --chmod option requires BuildKit"',
    );
    expect(reasons.get('18 COPY --exclude')).toBe(
      'the classic builder silently ignores it: the excluded files would be copied',
    );
    expect(reasons.get('21 ADD --checksum')).toBe(
      'the classic builder silently ignores it: the download would not be verified',
    );
    expect(reasons.get('9 RUN <<EOF')).toBe(
      'the classic builder silently ignores it: the heredoc body never runs',
    );
  });

  it("accepts a classic-compatible Dockerfile, including Docker's own # syntax= frontend", async () => {
    const parsed = await readDockerfile(fixture('classic-compatible.Dockerfile'));

    expect(parsed.syntax).toBe('docker/dockerfile:1');
    expect(findBuildkitOnlySyntax(parsed)).toEqual([]);
  });

  it('reports a custom # syntax= frontend, which the classic builder cannot honour', async () => {
    const parsed = await readDockerfile(fixture('custom-frontend.Dockerfile'));

    expect(findBuildkitOnlySyntax(parsed)).toEqual([
      expect.objectContaining({
        line: 1,
        feature: '# syntax=registry.example.com/acme/frontend:2',
        degradable: false,
      }),
    ]);
  });
});
