// Synthetic build history for the history benchmark: runs of a 5-image set (the jenkins-ha shape)
// every ~78 s for 90 days, with realistic spreads: lognormal durations, mostly-cached builds, a few
// percent failures with retries, skipped dependents, up-to-date skips, feature branches, two
// builders, scans on some builds. Seeded, so every bench run measures the same data.
import type { ImageResult, Report, StepResult } from '../../src/report/report-types.js';

interface ImageProfile {
  name: string;
  dependsOn: string[];
  medianMs: number;
  steps: string[];
}

export const HISTORY_IMAGES: readonly ImageProfile[] = [
  {
    name: 'base',
    dependsOn: [],
    medianMs: 25_000,
    steps: [
      'RUN apt-get update',
      'RUN apt-get install -y curl git',
      'COPY certs /usr/local/share/ca-certificates',
      'RUN update-ca-certificates',
      'RUN useradd jenkins',
    ],
  },
  {
    name: 'controller',
    dependsOn: ['base'],
    medianMs: 95_000,
    steps: [
      'ADD jenkins.war /usr/share/jenkins/',
      'COPY plugins.txt /tmp/',
      'RUN jenkins-plugin-cli -f /tmp/plugins.txt',
      'COPY casc /var/jenkins_home/casc',
      'RUN chown -R jenkins /var/jenkins_home',
      'COPY init.groovy.d /usr/share/jenkins/ref/',
      'RUN java -version',
    ],
  },
  {
    name: 'agent-base',
    dependsOn: ['base'],
    medianMs: 40_000,
    steps: [
      'RUN apt-get install -y openjdk-17-jre-headless',
      'COPY agent.jar /usr/share/jenkins/',
      'RUN mkdir -p /home/jenkins/agent',
      'ENV AGENT_WORKDIR=/home/jenkins/agent',
    ],
  },
  {
    name: 'agent-inbound',
    dependsOn: ['agent-base'],
    medianMs: 15_000,
    steps: [
      'COPY jenkins-agent /usr/local/bin/',
      'RUN chmod +x /usr/local/bin/jenkins-agent',
      'USER jenkins',
    ],
  },
  {
    name: 'agent-tools',
    dependsOn: ['agent-base'],
    medianMs: 70_000,
    steps: [
      'RUN apt-get install -y maven gradle',
      'RUN curl -fsSL https://get.docker.com | sh',
      'RUN npm install -g pnpm',
      'COPY settings.xml /home/jenkins/.m2/',
      'RUN mvn dependency:go-offline',
      'RUN pip install awscli',
    ],
  },
];

const BRANCHES = [
  'main',
  'main',
  'main',
  'main',
  'main',
  'main',
  'release/2.4',
  ...Array.from({ length: 20 }, (_, i) => `feature/${i}`),
];

/** Mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function logNormal(random: () => number, median: number, sigma: number): number {
  const u = Math.max(random(), 1e-12);
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * normal);
}

export interface HistoryWorkloadOptions {
  runs: number;
  days: number;
  /** The newest run starts just before this instant. */
  endMs: number;
  seed?: number;
}

/** Calls `each` with every run's report, oldest first (reports are not kept: 100k would be big). */
export function generateHistory(options: HistoryWorkloadOptions, each: (report: Report) => void): void {
  const random = seededRandom(options.seed ?? 20_240_501);
  const spanMs = options.days * 86_400_000;
  const startMs = options.endMs - spanMs;
  for (let index = 0; index < options.runs; index++) {
    const startedAt = startMs + Math.floor(((index + random()) * spanMs) / options.runs);
    each(generateRun(random, index, startedAt));
  }
}

function generateRun(random: () => number, index: number, startedAtMs: number): Report {
  const failedImage = random() < 0.05 ? HISTORY_IMAGES[1 + Math.floor(random() * 4)]?.name : undefined;
  const cancelled = failedImage === undefined && random() < 0.01;
  const builder = random() < 0.5 ? 'pool-a' : 'pool-b';
  const images: ImageResult[] = [];
  for (const profile of HISTORY_IMAGES) {
    const blocked = profile.dependsOn.some(
      (parent) => images.find((image) => image.name === parent)?.status === 'failed',
    );
    images.push(
      generateImage(random, profile, { failed: profile.name === failedImage, blocked, builder, startedAtMs }),
    );
  }
  const durationMs = images.reduce((sum, image) => sum + image.durationMs, 0) * 0.6 + 3000;
  const count = (status: ImageResult['status']): number =>
    images.filter((image) => image.status === status).length;
  const cachedSteps = images.reduce((sum, image) => sum + image.cache.cachedSteps, 0);
  const totalSteps = images.reduce((sum, image) => sum + image.cache.totalSteps, 0);
  return {
    schemaVersion: 1,
    tool: { name: 'imageforge', version: '0.1.0' },
    runId: `bench-${index.toString().padStart(7, '0')}`,
    status: failedImage !== undefined ? 'failed' : cancelled ? 'cancelled' : 'succeeded',
    startedAt: new Date(startedAtMs).toISOString(),
    finishedAt: new Date(startedAtMs + durationMs).toISOString(),
    durationMs,
    configFile: 'examples/jenkins-ha/imageforge.yaml',
    profile: 'ci',
    options: { push: true, parallel: 4, failFast: false, legacy: false, selected: [] },
    environment: { engineVersion: '28.2.2', builder, driver: 'docker-container', buildkitAvailable: true },
    git: {
      commit: Math.floor(random() * 2 ** 32).toString(16),
      branch: BRANCHES[Math.floor(random() * BRANCHES.length)],
    },
    images,
    summary: {
      built: count('built'),
      failed: count('failed'),
      skipped: count('skipped'),
      cancelled: count('cancelled'),
      upToDate: images.filter((image) => image.upToDate === true).length,
      cache: {
        totalSteps,
        cachedSteps,
        hitRatio: totalSteps === 0 ? 0 : cachedSteps / totalSteps,
        vertexTotal: totalSteps,
        vertexCached: cachedSteps,
      },
    },
    warnings: [],
  };
}

interface ImageContext {
  failed: boolean;
  blocked: boolean;
  builder: string;
  startedAtMs: number;
}

function generateImage(random: () => number, profile: ImageProfile, context: ImageContext): ImageResult {
  const upToDate = !context.failed && !context.blocked && random() < 0.2;
  const skipped = context.blocked || upToDate;
  const total = profile.steps.length;
  // most CI builds change little: about half fully cached, the rest executing the last few steps
  const cached = skipped ? 0 : random() < 0.5 ? total : Math.floor(random() * total);
  const executed = profile.steps.slice(cached);
  const attempts = skipped ? 0 : context.failed ? 2 + Math.floor(random() * 2) : random() < 0.03 ? 2 : 1;
  const durationMs = skipped
    ? 0
    : Math.round(logNormal(random, profile.medianMs * (0.15 + (0.85 * executed.length) / total), 0.35));
  const steps: StepResult[] = profile.steps.map((name, position) => ({
    name: `[${position + 1}/${total}] ${name}`,
    cacheable: true,
    cached: position < cached,
    durationMs:
      position < cached ? 5 : Math.round((durationMs / Math.max(1, executed.length)) * (0.5 + random())),
  }));
  return {
    name: profile.name,
    status: context.blocked ? 'skipped' : context.failed ? 'failed' : upToDate ? 'skipped' : 'built',
    upToDate: upToDate || undefined,
    method: skipped ? undefined : 'buildkit',
    attempts: Array.from({ length: attempts }, (_, i) => ({
      number: i + 1,
      outcome: i + 1 < attempts || context.failed ? ('failed' as const) : ('succeeded' as const),
      startedAt: new Date(context.startedAtMs).toISOString(),
      durationMs: durationMs / Math.max(1, attempts),
    })),
    durationMs,
    tags: [],
    platforms: ['linux/amd64'],
    dependsOn: profile.dependsOn,
    builder: skipped ? undefined : context.builder,
    node: skipped ? undefined : `${context.builder}-${Math.floor(random() * 3)}`,
    cache: {
      totalSteps: skipped ? 0 : total,
      cachedSteps: cached,
      hitRatio: skipped ? 0 : cached / total,
      vertexTotal: total,
      vertexCached: cached,
    },
    steps: skipped ? [] : steps,
    warnings: [],
    push: { status: skipped ? 'skipped' : 'pushed', attempts: [], durationMs: 0 },
    error: context.failed
      ? { code: 'IMAGEFORGE_BUILD_FAILED', kind: 'deterministic', message: 'RUN exited with code 1' }
      : undefined,
    gates: skipped || random() < 0.5 ? undefined : scanGates(random),
  };
}

function scanGates(random: () => number): ImageResult['gates'] {
  const count = (max: number): number => Math.floor(random() * max);
  return {
    status: 'passed',
    scans: [
      {
        kind: 'vulnerabilities',
        status: 'passed',
        durationMs: 4000,
        scanner: { name: 'trivy' },
        failOn: 'CRITICAL',
        ignoreUnfixed: true,
        counts: { CRITICAL: 0, HIGH: count(3), MEDIUM: count(12), LOW: count(40), UNKNOWN: count(2) },
        blocking: [],
        ignored: [],
        expiredIgnores: [],
        findings: [],
        summary: '',
      },
    ],
  };
}
