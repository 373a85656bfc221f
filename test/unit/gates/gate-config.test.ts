// The gate sections of imageforge.yaml: defaults, per-image overrides, and bad input named by
// file:line and path like every other config error.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, load, loadFailure } from '../config/project-fixture.js';

describe('gate configuration', () => {
  it('`scan: {}` means vulnerabilities at CRITICAL, secrets at HIGH and a CycloneDX SBOM', async () => {
    const config = await load(await createProject(['version: 1', 'images:', '  app:', '    scan: {}']));
    expect(config.images.app?.scan).toEqual({
      vulnerabilities: { failOn: 'CRITICAL', ignoreUnfixed: false },
      secrets: { failOn: 'HIGH' },
      sbom: ['cyclonedx'],
      ignores: [],
    });
    expect(config.images.app?.test).toBeUndefined();
    expect(config.settings.scan.onError).toBe('warn');
  });

  it('images override defaults; ignores remember where they were written', async () => {
    const dir = await createProject([
      'version: 1', //                                                                   1
      'defaults:', //                                                                    2
      '  scan: {vulnerabilities: {failOn: HIGH, ignoreUnfixed: true}, sbom: false}', //  3
      'images:', //                                                                      4
      '  app:', //                                                                       5
      '    scan:', //                                                                    6
      '      secrets: false', //                                                         7
      '      ignore:', //                                                                8
      '        - {id: CVE-2019-1549, package: openssl, reason: not reachable, expires: 2030-01-31}', // 9
      '  other:', //                                                                     10
      '    scan: {enabled: false}', //                                                   11
    ]);
    const config = await load(dir);
    expect(config.images.app?.scan).toMatchObject({
      vulnerabilities: { failOn: 'HIGH', ignoreUnfixed: true },
      secrets: undefined,
      sbom: [],
      ignores: [
        {
          id: 'CVE-2019-1549',
          package: 'openssl',
          reason: 'not reachable',
          expires: '2030-01-31',
          source: 'imageforge.yaml:9 (images.app.scan.ignore.0)',
        },
      ],
    });
    expect(config.images.other?.scan).toBeUndefined();
  });

  it('the production policy makes a scanner failure block by default', async () => {
    const config = await load(
      await createProject(['version: 1', 'settings: {policy: production}', 'images:', '  app: {}']),
    );
    expect(config.settings.scan.onError).toBe('block');
  });

  it('resolves test durations, ports and defaults', async () => {
    const config = await load(
      await createProject([
        'version: 1',
        'images:',
        '  app:',
        '    test:',
        '      commands: [{run: [id, -u], stdout: "^0$", timeout: 5s}]',
        '      service: {ready: {http: {path: /health, port: "8080"}, timeout: 20s}, http: [{path: /}]}',
      ]),
    );
    expect(config.images.app?.test).toMatchObject({
      commands: [{ name: 'id -u', run: ['id', '-u'], exitCode: 0, stdout: '^0$', timeoutMs: 5000 }],
      service: {
        ready: { kind: 'http', path: '/health', port: 8080, status: 200, timeoutMs: 20_000 },
        http: [{ name: 'GET /', method: 'GET', path: '/', status: 200, retries: 3 }],
      },
      timeoutMs: 300_000,
    });
  });

  it('resolves signing keys against the project and defaults the password variable', async () => {
    const dir = await createProject([
      'version: 1',
      'settings: {sign: {key: keys/cosign.key}}',
      'images:',
      '  app: {}',
    ]);
    const config = await load(dir);
    expect(config.settings.sign).toEqual({
      key: path.join(dir, 'keys/cosign.key'),
      publicKey: undefined,
      passwordEnv: 'COSIGN_PASSWORD',
      tlog: false,
      allowHttpRegistry: true,
    });
  });

  it('names every bad gate field with file:line and path', async () => {
    const { lines } = await loadFailure(
      await createProject([
        'version: 1', //                                                     1
        'images:', //                                                        2
        '  app:', //                                                         3
        '    scan:', //                                                      4
        '      vulnerabilities: {failOn: SEVERE}', //                        5
        '      ignore:', //                                                  6
        '        - {id: CVE-1}', //                                          7
        '        - {id: CVE-2, reason: ok, expires: 2026-02-30}', //         8
        '    test:', //                                                      9
        '      files: [{path: etc/passwd}]', //                              10
        '      commands: [{run: [sh], stdout: "(["}]', //                    11
        '      service: {ready: {log: x, port: 80}}', //                     12
        '      metadata: {exposedPorts: [http]}', //                         13
      ]),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^imageforge\.yaml:5: images\.app\.scan\.vulnerabilities.*CRITICAL, HIGH, MEDIUM, LOW or NONE/,
      ),
      expect.stringMatching(
        /^imageforge\.yaml:7: images\.app\.scan\.ignore\.0\.reason: every ignore needs a reason/,
      ),
      expect.stringMatching(
        /^imageforge\.yaml:8: images\.app\.scan\.ignore\.1\.expires: 2026-02-30 is not a real date/,
      ),
      expect.stringMatching(
        /^imageforge\.yaml:10: images\.app\.test\.files\.0\.path: file paths in tests are absolute/,
      ),
      expect.stringMatching(
        /^imageforge\.yaml:11: images\.app\.test\.commands\.0\.stdout: invalid regular expression/,
      ),
      expect.stringMatching(
        /^imageforge\.yaml:12: images\.app\.test\.service\.ready: choose one readiness check/,
      ),
      expect.stringMatching(
        /^imageforge\.yaml:13: images\.app\.test\.metadata\.exposedPorts\.0: expected a port like 8080/,
      ),
    ]);
  });
});
