// The verification phase of a run: each image's gates start as soon as its build finishes (while
// other images still build), bounded by settings.scan.parallel; publishing waits for all of them.
import path from 'node:path';
import type { ResolvedConfig, ImageConfig, ImageScanConfig } from '../config/types.js';
import type { ImageGates, TestGate } from '../gates/gate-report.js';
import { DEFAULT_IMAGE_SCAN } from '../gates/resolve-gate-config.js';
import { hasGates, runImageGates } from '../gates/run-image-gates.js';
import type { ImageTestSpec } from '../gates/functional/test-spec-schema.js';
import type { Scanner } from '../gates/scan/scanner.js';
import type { ImageResult } from '../report/report-types.js';
import type { RunEventListener } from './events.js';

export interface GatePhaseInput {
  config: ResolvedConfig;
  runId: string;
  runDir: string;
  env: Record<string, string | undefined>;
  /** The engine holding the built images (from preflight: DOCKER_HOST or the docker context). */
  dockerHost: string;
  signal: AbortSignal;
  onEvent: RunEventListener;
  now?: Date;
}

export interface GatePhase {
  /**
   * Starts the gates of a finished image (built or up to date); others are ignored. `dockerHost`:
   * the engine that holds the image when it is not the run's (a pool node).
   */
  submit(result: ImageResult, dockerHost?: string): void;
  /** Waits for every submitted image; name → its gates. */
  settle(): Promise<Map<string, ImageGates>>;
}

/** Production scans every image even without a `scan:` section, with the defaults. */
export function effectiveScan(image: ImageConfig, config: ResolvedConfig): ImageScanConfig | undefined {
  return image.scan ?? (config.settings.policy === 'production' ? DEFAULT_IMAGE_SCAN : undefined);
}

export function createGatePhase(input: GatePhaseInput): GatePhase {
  const { config } = input;
  const running = new Map<string, Promise<ImageGates>>();
  const limit = createLimit(config.settings.scan.parallel ?? config.settings.parallel);
  let scanner: Promise<Scanner> | undefined;
  const getScanner = (): Promise<Scanner> => {
    scanner ??= import('../gates/scan/trivy/trivy-scanner.js').then(({ createTrivyScanner }) =>
      createTrivyScanner({ ...config.settings.scan.trivy }),
    );
    return scanner;
  };
  return {
    submit(result, dockerHost = input.dockerHost) {
      const image = config.images[result.name];
      if (!image || running.has(result.name)) return;
      if (result.status !== 'built' && result.upToDate !== true) return;
      const scan = effectiveScan(image, config);
      if (!hasGates(image.test, scan)) return;
      const reference = image.tags[0] ?? result.imageId ?? result.name;
      running.set(
        result.name,
        limit(() =>
          runImageGates({
            name: result.name,
            reference,
            test: image.test,
            scan,
            scanSettings: config.settings.scan,
            runTests: (ref, spec, signal) => runTests(ref, spec, signal, dockerHost, input.runId),
            scanner: getScanner,
            outDir: path.join(input.runDir, 'gates', result.name),
            reportDir: input.runDir,
            env: { ...input.env, DOCKER_HOST: dockerHost },
            signal: input.signal,
            now: input.now ?? new Date(),
            onEvent: input.onEvent,
          }),
        ),
      );
    },
    async settle() {
      const settled = new Map<string, ImageGates>();
      for (const [name, gates] of running) settled.set(name, await gates);
      return settled;
    },
  };
}

async function runTests(
  reference: string,
  spec: ImageTestSpec,
  signal: AbortSignal,
  dockerHost: string,
  runId: string,
): Promise<TestGate> {
  const [{ createContainerClient }, { runImageTests }] = await Promise.all([
    import('../docker/container-client.js'),
    import('../gates/functional/run-image-tests.js'),
  ]);
  const client = await createContainerClient(dockerHost);
  return runImageTests({ image: reference, spec, client, runId, signal });
}

/** At most `concurrency` tasks at once, in submission order. */
function createLimit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = (): void => {
    active -= 1;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active += 1;
        task().then(resolve, reject).finally(next);
      };
      if (active < Math.max(1, concurrency)) start();
      else queue.push(start);
    });
}
