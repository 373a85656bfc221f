// Functional image tests against the real engine: a small controller-like image (busybox httpd serving
// /www/login) passes a full spec, broken variants fail with clear messages, nothing is left behind.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_IMAGE, createProject, uniqueTag, type TestProject } from '../support/project.js';
import { docker } from '../support/docker.js';
import { createContainerClient, type ContainerClient } from '../../src/docker/container-client.js';
import { runImageTests } from '../../src/gates/functional/run-image-tests.js';
import { removeTestContainers } from '../../src/gates/functional/cleanup.js';
import {
  imageTestSchema,
  resolveImageTestSpec,
  type ImageTestInput,
} from '../../src/gates/functional/test-spec-schema.js';
import type { TestCheck, TestGate } from '../../src/gates/gate-report.js';

const TAG = uniqueTag('itest');
const APP = `imageforge-itg/controller:${TAG}`;
const EXITS = `imageforge-itg/exits-early:${TAG}`;
const RUN_ID = `itg-${TAG}`;

const CONTROLLER_DOCKERFILE = `FROM ${BASE_IMAGE}
RUN mkdir -p /www /opt/app \\
 && echo '<html><title>Sign in [Jenkins]</title></html>' > /www/login \\
 && printf 'root:x:0:0:root:/root:/bin/sh\\njenkins:x:1000:1000::/var/jenkins_home:/bin/sh\\n' > /etc/passwd \\
 && printf 'root:x:0:\\njenkins:x:1000:\\n' > /etc/group \\
 && printf 'name=controller\\nversion=2.462\\n' > /opt/app/app.properties \\
 && chmod 0640 /opt/app/app.properties && chown 1000:1000 /opt/app/app.properties \\
 && ln -s /opt/app/app.properties /opt/app/current
ENV JENKINS_HOME=/var/jenkins_home
LABEL org.opencontainers.image.title=controller
EXPOSE 8080
WORKDIR /www
HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD wget -q -O /dev/null http://127.0.0.1:8080/login || exit 1
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
`;

const EXITS_DOCKERFILE = `FROM ${BASE_IMAGE}
EXPOSE 8080
CMD ["sh", "-c", "exit 3"]
`;

const LEFT_OVER = [
  '--filter',
  'label=io.imageforge.test=true',
  '--filter',
  `label=io.imageforge.run=${RUN_ID}`,
];

function leftOverContainers(): string[] {
  return docker(['ps', '-aq', ...LEFT_OVER])
    .split('\n')
    .filter(Boolean);
}

function spec(input: ImageTestInput) {
  return resolveImageTestSpec(imageTestSchema.parse(input));
}

function checkNamed(gate: TestGate, name: string): TestCheck {
  const check = gate.checks.find((candidate) => candidate.name === name);
  if (!check) throw new Error(`no check ${name} in ${JSON.stringify(gate.checks, null, 2)}`);
  return check;
}

function failures(gate: TestGate): TestCheck[] {
  return gate.checks.filter((check) => check.status === 'failed');
}

describe('runImageTests on the real engine', () => {
  let client: ContainerClient;
  let project: TestProject;

  beforeAll(async () => {
    project = await createProject({
      'controller/Dockerfile': CONTROLLER_DOCKERFILE,
      'exits/Dockerfile': EXITS_DOCKERFILE,
    });
    docker(['build', '-q', '-t', APP, `${project.dir}/controller`]);
    docker(['build', '-q', '-t', EXITS, `${project.dir}/exits`]);
    client = await createContainerClient(process.env.DOCKER_HOST ?? '');
  });

  afterEach(() => {
    // (3) whatever happened in the case, no test container of this run is left
    expect(leftOverContainers()).toEqual([]);
  });

  afterAll(async () => {
    if (client) await removeTestContainers(client, RUN_ID);
    docker(['image', 'rm', '-f', APP, EXITS]);
    await project?.cleanup();
  });

  const run = (image: string, input: ImageTestInput, signal?: AbortSignal) =>
    runImageTests({ image, spec: spec(input), client, runId: RUN_ID, ...(signal && { signal }) });

  it('passes a full spec: metadata, files, commands, service readiness and HTTP checks', async () => {
    const seen: TestCheck[] = [];
    const gate = await runImageTests({
      image: APP,
      spec: spec({
        metadata: {
          env: { JENKINS_HOME: '/var/jenkins_home' },
          labels: { 'org.opencontainers.image.title': 'controller' },
          exposedPorts: [8080],
          user: 'root',
          workdir: '/www',
          cmd: ['httpd', '-f', '-v', '-p', '8080', '-h', '/www'],
        },
        files: [
          { path: '/opt/app/app.properties', type: 'file', mode: '0640', owner: 'jenkins:jenkins' },
          { path: '/opt/app/app.properties', owner: '1000', contains: '^version=2\\.\\d+$' },
          { path: '/opt/app/current', type: 'symlink' },
          { path: '/www', type: 'directory', mode: '0755', owner: 'root:root' },
          { path: '/opt/app/app.jar', exists: false },
        ],
        commands: [
          {
            name: 'both streams',
            run: ['sh', '-c', 'echo hello; echo careful >&2'],
            stdout: '^hello$',
            stderr: 'careful',
          },
          { run: ['id', '-u'], user: 'jenkins', stdout: '^1000$' },
          { run: ['sh', '-c', 'echo "$GREETING"'], env: { GREETING: 'hi there' }, stdout: '^hi there$' },
          { run: ['sh', '-c', 'exit 2'], exitCode: 2 },
          // the image's CMD is not appended to the command's argv
          { run: ['echo', 'only'], stdout: '^only\\n$' },
        ],
        service: {
          ready: { http: { path: '/login' }, timeout: '20s' },
          http: [
            {
              path: '/login',
              status: 200,
              body: 'Sign in \\[Jenkins\\]',
              headers: { 'accept-ranges': '^bytes$' },
            },
            { name: 'HEAD login', method: 'HEAD', path: '/login' },
          ],
        },
      }),
      client,
      runId: RUN_ID,
      onCheck: (check) => seen.push(check),
    });
    expect(failures(gate)).toEqual([]);
    expect(gate.status).toBe('passed');
    expect(gate.error).toBeUndefined();
    expect(gate.image).toBe(APP);
    expect(seen).toEqual(gate.checks);
    expect(gate.checks.map((check) => check.kind)).toEqual([
      'metadata',
      'file',
      'file',
      'file',
      'file',
      'file',
      'command',
      'command',
      'command',
      'command',
      'command',
      'readiness',
      'http',
      'http',
    ]);
    expect(checkNamed(gate, 'readiness (http GET /login)').status).toBe('passed');
  });

  it('passes with port, log, healthcheck and default (still running) readiness', async () => {
    for (const ready of [
      { port: 8080 },
      { log: 'started', timeout: '10s' },
      { healthcheck: true },
      undefined,
    ]) {
      const gate = await run(APP, {
        service: { command: ['sh', '-c', 'echo server started; exec httpd -f -p 8080 -h /www'], ready },
      });
      expect(failures(gate), JSON.stringify(ready)).toEqual([]);
      expect(gate.checks.map((check) => check.kind)).toEqual(['readiness']);
    }
  });

  it('fails a wrong status with what was expected, what came and after how many attempts', async () => {
    const gate = await run(APP, {
      service: {
        ready: { http: { path: '/login' } },
        http: [{ path: '/missing', status: 200, retries: 2, interval: '200ms' }],
      },
    });
    expect(gate.status).toBe('failed');
    const check = checkNamed(gate, 'GET /missing');
    expect(check.status).toBe('failed');
    expect(check.message).toMatch(
      /^GET \/missing on port 8080: expected status 200, got 404 after 3 attempts \(\d+\.\ds\)$/,
    );
    expect(check.logs?.join('\n')).toMatch(/response:404/);
  });

  it('fails body and header mismatches with the value that came', async () => {
    const gate = await run(APP, {
      service: {
        http: [
          { name: 'body', path: '/login', body: 'Dashboard', retries: 0 },
          { name: 'header', path: '/login', headers: { 'accept-ranges': 'none' }, retries: 0 },
          { name: 'absent header', path: '/login', headers: { 'x-frame-options': 'DENY' }, retries: 0 },
        ],
      },
    });
    expect(checkNamed(gate, 'body').message).toMatch(
      /expected body matching \/Dashboard\/, got ".*Sign in \[Jenkins\].*" after 1 attempt/,
    );
    expect(checkNamed(gate, 'header').message).toMatch(
      /expected header accept-ranges matching \/none\/, got "bytes"/,
    );
    expect(checkNamed(gate, 'absent header').message).toMatch(
      /x-frame-options matching \/DENY\/, header missing/,
    );
  });

  it('fails missing files, wrong mode, owner, type and content', async () => {
    const gate = await run(APP, {
      files: [
        { path: '/opt/app.jar' },
        { path: '/opt/app/app.properties', mode: '0644', owner: 'root' },
        { path: '/opt/app/current', type: 'file' },
        { path: '/opt/app/app.properties', contains: '^version=3' },
        { path: '/www/login', exists: false },
      ],
    });
    expect(gate.status).toBe('failed');
    expect(failures(gate).map((check) => check.message)).toEqual([
      'file /opt/app.jar: expected to exist, not found',
      'file /opt/app/app.properties: expected mode 0644, got 0640; expected owner root, got jenkins:jenkins (1000:1000)',
      'file /opt/app/current: expected a file, found a symlink to /opt/app/app.properties',
      'file /opt/app/app.properties: expected content matching /^version=3/, got "name=controller ⏎ version=2.462"',
      'file /www/login: expected not to exist, found a file',
    ]);
  });

  it('fails commands on exit code, output, a missing executable and a timeout', async () => {
    const gate = await run(APP, {
      commands: [
        { name: 'exit', run: ['sh', '-c', 'echo boom >&2; exit 4'] },
        { name: 'stderr', run: ['sh', '-c', 'echo nope >&2'], stderr: '^expected$' },
        { name: 'java -version', run: ['java', '-version'] },
        { name: 'slow', run: ['sleep', '30'], timeout: '1s' },
      ],
    });
    expect(gate.status).toBe('failed');
    expect(checkNamed(gate, 'command "exit"').message).toBe(
      'command "exit": expected exit code 0, got 4; stderr: "boom"',
    );
    expect(checkNamed(gate, 'command "exit"').logs).toEqual(['boom']);
    expect(checkNamed(gate, 'command "stderr"').message).toBe(
      'command "stderr": expected stderr matching /^expected$/, got "nope"',
    );
    expect(checkNamed(gate, 'command "java -version"').message).toMatch(
      /^command "java -version": expected exit code 0, got 127; stderr: ".*executable file not found/,
    );
    const slow = checkNamed(gate, 'command "slow"');
    expect(slow.message).toBe('command "slow": did not finish within 1s');
    expect(slow.durationMs).toBeLessThan(10_000);
  });

  it('fails readiness at once when the service exits early, and skips its HTTP checks', async () => {
    const started = Date.now();
    const gate = await run(EXITS, {
      service: { ready: { http: { path: '/login' }, timeout: '60s' }, http: [{ path: '/login' }] },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(gate.status).toBe('failed');
    const readiness = checkNamed(gate, 'readiness (http GET /login)');
    expect(readiness.message).toMatch(
      /^readiness: container exited with code 3 after \d+\.\ds before it was ready$/,
    );
    expect(checkNamed(gate, 'GET /login')).toMatchObject({ status: 'skipped' });
  });

  it('fails healthcheck readiness as soon as the engine reports unhealthy', async () => {
    const gate = await run(APP, {
      service: { command: ['sleep', '60'], ready: { healthcheck: true, timeout: '30s' } },
    });
    const readiness = checkNamed(gate, 'readiness (healthcheck)');
    expect(readiness.message).toMatch(/^readiness: container reported unhealthy after \d+\.\ds/);
    expect(readiness.durationMs).toBeLessThan(15_000);
  });

  it('fails a port readiness check when nothing listens behind docker-proxy', async () => {
    const gate = await run(APP, {
      service: { command: ['sleep', '60'], ready: { port: 8080, timeout: '1s' } },
    });
    expect(checkNamed(gate, 'readiness (port 8080)').message).toBe(
      'readiness: port 8080 not accepting TCP connections within 1s ' +
        '(last: connection closed at once (nothing listening in the container)); container still running',
    );
  });

  it('fails a readiness timeout naming the pattern and the limit', async () => {
    const gate = await run(APP, { service: { ready: { log: 'Jenkins is fully up', timeout: '2s' } } });
    expect(gate.status).toBe('failed');
    const readiness = checkNamed(gate, 'readiness (log /Jenkins is fully up/)');
    expect(readiness.message).toBe(
      'readiness: no log line matching /Jenkins is fully up/ within 2s; container still running',
    );
    expect(readiness.durationMs).toBeGreaterThanOrEqual(2000);
    expect(readiness.durationMs).toBeLessThan(8000);
  });

  it('fails metadata differences, one message per field', async () => {
    const gate = await run(APP, {
      metadata: { env: { JENKINS_HOME: '/jenkins' }, exposedPorts: ['50000/tcp'], user: 'jenkins' },
    });
    expect(checkNamed(gate, 'metadata').message).toBe(
      [
        'env JENKINS_HOME: expected "/jenkins", got "/var/jenkins_home"',
        'exposed port 50000/tcp: expected, not exposed (image has 8080/tcp)',
        'user: expected "jenkins", got ""',
      ].join('; '),
    );
  });

  it('reports an error, not a failure, when the image does not exist', async () => {
    const gate = await run(`imageforge-itg/absent:${TAG}`, { files: [{ path: '/etc' }] });
    expect(gate.status).toBe('error');
    expect(gate.error).toMatch(/not found/);
    expect(gate.checks).toEqual([]);
  });

  it('reports an error when the engine cannot be reached', async () => {
    const unreachable = await createContainerClient('unix:///nonexistent/imageforge-test.sock', 2000);
    const gate = await runImageTests({
      image: APP,
      spec: spec({ files: [{ path: '/etc' }] }),
      client: unreachable,
      runId: RUN_ID,
    });
    expect(gate).toMatchObject({ status: 'error', checks: [] });
    expect(gate.error).toMatch(/^image tests could not run: .*ENOENT/);
  });

  it('stops at spec.timeout with a message naming the limit', async () => {
    const gate = await run(APP, {
      service: { ready: { log: 'never printed', timeout: '60s' } },
      timeout: '2s',
    });
    expect(gate.status).toBe('failed');
    expect(gate.durationMs).toBeLessThan(10_000);
    expect(failures(gate).at(-1)?.message).toBe('image tests did not finish within 2s');
  });

  it('(4) returns quickly when cancelled while waiting for readiness, leaving no container', async () => {
    const controller = new AbortController();
    const pending = run(
      APP,
      { service: { ready: { log: 'never printed', timeout: '60s' } } },
      controller.signal,
    );
    await waitFor(() => leftOverContainers().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const abortedAt = Date.now();
    controller.abort();
    const gate = await pending;
    expect(Date.now() - abortedAt).toBeLessThan(5000);
    expect(gate.status).toBe('failed');
    expect(gate.checks.at(-1)).toMatchObject({
      kind: 'readiness',
      name: 'readiness (log /never printed/)',
      status: 'failed',
      message: 'cancelled',
    });
    expect(leftOverContainers()).toEqual([]);
  });

  it('removeTestContainers removes every container of a run', async () => {
    const id = await client.createContainer({
      image: APP,
      labels: { 'io.imageforge.test': 'true', 'io.imageforge.run': RUN_ID, 'io.imageforge.session': 'x' },
    });
    expect(leftOverContainers()).toEqual([id.slice(0, 12)]);
    expect(await removeTestContainers(client, RUN_ID)).toBe(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
